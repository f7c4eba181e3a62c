/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small JSON reader for the known-answer runner: parses a whole document
 * into a tree, rejects what is not JSON, and has no limits but memory.
 */
#ifndef VSM_KAT_JSON_H
#define VSM_KAT_JSON_H

#include <stddef.h>

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

/**
 * struct json - one value
 * @type: what it is
 * @number: for JSON_NUMBER and JSON_BOOL
 * @string: for JSON_STRING (NUL-terminated; embedded NULs are refused)
 * @key: the member name when the value is inside an object
 * @items: members or elements
 * @count: how many
 */
struct json {
	enum json_type type;
	double number;
	char *string;
	char *key;
	struct json *items;
	size_t count;
};

struct json *json_parse(const char *text, const char **error);
void json_free(struct json *v);
const struct json *json_get(const struct json *obj, const char *key);
const char *json_string(const struct json *obj, const char *key);
double json_number(const struct json *obj, const char *key, double fallback);

#endif /* VSM_KAT_JSON_H */
