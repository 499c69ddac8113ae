/* rf_note_get, and a key made once (rf_note_key), find what
 * iniparser_getstring finds, for every key a note holds, for names in
 * capitals, for names it does not hold, and for a name longer than
 * iniparser's line. */
#include <stdlib.h>
#include <string.h>

#include "note.h"
#include "unit.h"
#include "util.h"

static void same_as_iniparser(struct unit *u)
{
	struct rf_buf text = RF_BUF_INIT;
	rf_buf_adds(&text, "[program]\nname = Mercy General\nrank =\n[Visa]\nH1B = no\nj1 = \"yes\"\nj1 = case-by-case\n");
	for (int i = 0; i < 400; i++)
		rf_buf_addf(&text, "%s[s%d]\nk%d = v%d\n", i % 50 ? "" : "; a comment\n", i / 7, i, i);
	struct rf_note note;
	CHECK(u, rf_note_parse(&note, "t.ini", text.buf, text.len, 1) == 0);
	size_t found = 0;
	for (int i = 0; i < note.dict->n; i++) {
		const char *full = note.dict->key[i], *colon = strchr(full, ':');
		if (!colon)
			continue;	/* a section's own entry */
		char *section = rf_xstrndup(full, (size_t)(colon - full));
		const char *v = rf_note_get(&note, section, colon + 1);
		CHECK(u, v == iniparser_getstring(note.dict, full, NULL));
		found += v != NULL;
		free(section);
	}
	CHECK(u, found == 404);
	CHECK_STR(u, rf_note_get(&note, "visa", "j1"), "case-by-case");
	CHECK_STR(u, rf_note_get(&note, "VISA", "h1b"), "no");
	CHECK_STR(u, rf_note_get(&note, "program", "rank"), "");
	CHECK_STR(u, rf_note_get(&note, "s57", "k399"), "v399");
	CHECK(u, rf_note_get(&note, "s57", "k398") == NULL);
	CHECK(u, rf_note_get(&note, "program", "nosuch") == NULL);
	CHECK(u, rf_note_get(&note, "nosuch", "name") == NULL);
	CHECK(u, rf_note_get(&note, "program", "") == NULL);
	/* A key made once and asked of the note: what rf_note_get says. */
	static const char *const asked[][2] = { { "visa", "j1" }, { "VISA", "H1B" }, { "s57", "k399" },
						{ "program", "nosuch" }, { "program", "rank" } };
	for (size_t i = 0; i < sizeof(asked) / sizeof(*asked); i++) {
		struct rf_note_key k;
		rf_note_key_init(&k, asked[i][0], asked[i][1]);
		CHECK(u, rf_note_get_key(&note, &k) == rf_note_get(&note, asked[i][0], asked[i][1]));
		rf_note_key_free(&k);
	}
	char *longkey = rf_xmalloc(2000);
	memset(longkey, 'k', 1999);
	longkey[1999] = '\0';
	char *full = rf_xasprintf("program:%s", longkey);
	CHECK(u, rf_note_get(&note, "program", longkey) == iniparser_getstring(note.dict, full, NULL));
	struct rf_note_key lk;
	rf_note_key_init(&lk, "program", longkey);
	CHECK(u, rf_note_get_key(&note, &lk) == iniparser_getstring(note.dict, full, NULL));
	rf_note_key_free(&lk);
	free(full);
	free(longkey);
	rf_note_free(&note);
	rf_buf_free(&text);
}

static void nothing_without_a_reading(struct unit *u)
{
	struct rf_note note;
	fprintf(stderr, "# an expected error follows\n");
	CHECK(u, rf_note_parse(&note, "t.ini", "[visa\n", 6, 1) < 0);
	CHECK(u, rf_note_get(&note, "visa", "h1b") == NULL);
	rf_note_free(&note);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, same_as_iniparser);
	RUN(&u, nothing_without_a_reading);
	return UNIT_DONE(&u);
}
