// SPDX-License-Identifier: GPL-2.0
/*
 * Recursive-descent JSON parser (RFC 8259), for test-vector files.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

struct parser {
	const char *p;
	const char *error;
	int depth;
};

static int fail(struct parser *ps, const char *why)
{
	if (!ps->error)
		ps->error = why;
	return -1;
}

static void skip_space(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		ps->p++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 32) >= 'a' && (c | 32) <= 'f')
		return (c | 32) - 'a' + 10;
	return -1;
}

static void put_utf8(char **o, unsigned int cp)
{
	char *q = *o;

	if (cp < 0x80) {
		*q++ = (char)cp;
	} else if (cp < 0x800) {
		*q++ = (char)(0xc0 | cp >> 6);
		*q++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*q++ = (char)(0xe0 | cp >> 12);
		*q++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*q++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*q++ = (char)(0xf0 | cp >> 18);
		*q++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*q++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*q++ = (char)(0x80 | (cp & 0x3f));
	}
	*o = q;
}

static int parse_u4(struct parser *ps, unsigned int *cp)
{
	int i, h;

	*cp = 0;
	for (i = 0; i < 4; i++) {
		h = hexval(ps->p[i]);
		if (h < 0)
			return fail(ps, "bad \\u escape");
		*cp = *cp << 4 | (unsigned int)h;
	}
	ps->p += 4;
	return 0;
}

static int parse_string(struct parser *ps, char **out)
{
	const char *s = ++ps->p;
	char *buf, *o;
	unsigned int cp, lo;

	while (*s && *s != '"')
		s += *s == '\\' && s[1] ? 2 : 1;
	if (*s != '"')
		return fail(ps, "unterminated string");
	buf = malloc((size_t)(s - ps->p) * 2 + 1);
	if (!buf)
		return fail(ps, "out of memory");
	for (o = buf; *ps->p != '"';) {
		unsigned char c = (unsigned char)*ps->p++;

		if (c < 0x20)
			return free(buf), fail(ps, "control character in string");
		if (c != '\\') {
			*o++ = (char)c;
			continue;
		}
		c = (unsigned char)*ps->p++;
		switch (c) {
		case '"':
		case '\\':
		case '/':
			*o++ = (char)c;
			break;
		case 'b':
			*o++ = '\b';
			break;
		case 'f':
			*o++ = '\f';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'u':
			if (parse_u4(ps, &cp))
				return free(buf), -1;
			if (cp >= 0xd800 && cp < 0xdc00 && ps->p[0] == '\\' && ps->p[1] == 'u') {
				ps->p += 2;
				if (parse_u4(ps, &lo))
					return free(buf), -1;
				if (lo < 0xdc00 || lo > 0xdfff)
					return free(buf), fail(ps, "bad surrogate pair");
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			if (!cp)
				return free(buf), fail(ps, "NUL in string");
			put_utf8(&o, cp);
			break;
		default:
			return free(buf), fail(ps, "bad escape");
		}
	}
	ps->p++;
	*o = 0;
	*out = buf;
	return 0;
}

static int parse_value(struct parser *ps, struct json *v);

static int append(struct parser *ps, struct json *v, struct json *item)
{
	struct json *n = realloc(v->items, (v->count + 1) * sizeof(*n));

	if (!n)
		return fail(ps, "out of memory");
	v->items = n;
	v->items[v->count++] = *item;
	return 0;
}

static int parse_container(struct parser *ps, struct json *v, char close)
{
	struct json item;

	if (++ps->depth > 64)
		return fail(ps, "nested too deeply");
	ps->p++;
	skip_space(ps);
	if (*ps->p == close) {
		ps->p++;
		ps->depth--;
		return 0;
	}
	for (;;) {
		memset(&item, 0, sizeof(item));
		skip_space(ps);
		if (close == '}') {
			if (*ps->p != '"' || parse_string(ps, &item.key))
				return fail(ps, "expected a member name");
			skip_space(ps);
			if (*ps->p++ != ':')
				return free(item.key), fail(ps, "expected ':'");
		}
		if (parse_value(ps, &item) || append(ps, v, &item)) {
			json_free(&item);
			return -1;
		}
		skip_space(ps);
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p++ != close)
			return fail(ps, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
		ps->depth--;
		return 0;
	}
}

static int parse_number(struct parser *ps, struct json *v)
{
	const char *s = ps->p;
	char *end;

	if (*s == '-')
		s++;
	if (*s == '0' && s[1] >= '0' && s[1] <= '9')
		return fail(ps, "leading zero");
	if (*s < '0' || *s > '9')
		return fail(ps, "unexpected character");
	v->type = JSON_NUMBER;
	v->number = strtod(ps->p, &end);
	ps->p = end;
	return 0;
}

static int literal(struct parser *ps, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(ps->p, word, n))
		return fail(ps, "unexpected character");
	ps->p += n;
	return 0;
}

static int parse_value(struct parser *ps, struct json *v)
{
	skip_space(ps);
	switch (*ps->p) {
	case '{':
		v->type = JSON_OBJECT;
		return parse_container(ps, v, '}');
	case '[':
		v->type = JSON_ARRAY;
		return parse_container(ps, v, ']');
	case '"':
		v->type = JSON_STRING;
		return parse_string(ps, &v->string);
	case 't':
		v->type = JSON_BOOL;
		v->number = 1;
		return literal(ps, "true");
	case 'f':
		v->type = JSON_BOOL;
		return literal(ps, "false");
	case 'n':
		v->type = JSON_NULL;
		return literal(ps, "null");
	default:
		return parse_number(ps, v);
	}
}

/**
 * json_parse() - parse a whole document
 * @text: NUL-terminated JSON
 * @error: set to a reason on failure
 *
 * Return: the tree (free with json_free()), or NULL.
 */
struct json *json_parse(const char *text, const char **error)
{
	struct parser ps = { .p = text };
	struct json *v = calloc(1, sizeof(*v));

	if (!v) {
		*error = "out of memory";
		return NULL;
	}
	if (!parse_value(&ps, v)) {
		skip_space(&ps);
		if (!*ps.p)
			return v;
		fail(&ps, "trailing characters");
	}
	*error = ps.error;
	json_free(v);
	free(v);
	return NULL;
}

/* Free what @v owns (not @v itself, unless it came from json_parse()). */
void json_free(struct json *v)
{
	size_t i;

	for (i = 0; i < v->count; i++)
		json_free(&v->items[i]);
	free(v->items);
	free(v->string);
	free(v->key);
	memset(v, 0, sizeof(*v));
}

const struct json *json_get(const struct json *obj, const char *key)
{
	size_t i;

	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (i = 0; i < obj->count; i++)
		if (!strcmp(obj->items[i].key, key))
			return &obj->items[i];
	return NULL;
}

const char *json_string(const struct json *obj, const char *key)
{
	const struct json *v = json_get(obj, key);

	return v && v->type == JSON_STRING ? v->string : NULL;
}

double json_number(const struct json *obj, const char *key, double fallback)
{
	const struct json *v = json_get(obj, key);

	return v && v->type == JSON_NUMBER ? v->number : fallback;
}
