// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the known-answer runner's JSON reader: any bytes either parse or are
 * refused with a reason, without a crash, a leak or undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/kat/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	const char *error = NULL;
	struct json *doc;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	doc = json_parse(text, &error);
	if (doc) {
		json_get(doc, "testGroups");
		json_number(doc, "numberOfTests", 0);
		json_free(doc);
		free(doc);
	} else if (!error) {
		abort();
	}
	free(text);
	return 0;
}
