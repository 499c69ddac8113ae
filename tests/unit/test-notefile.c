/* Which file names are notes, and the slug <-> file name round trip. */
#include <stdlib.h>

#include "notefile.h"
#include "unit.h"

static const struct {
	const char *name;
	int note, recorded;
	const char *slug;	/* the valid slug, or NULL */
} cases[] = {
	{ "mercy-general.ini", 1, 1, "mercy-general" },
	{ "Mercy.ini", 1, 1, NULL },	/* added with git under a name rf would not choose */
	{ "-x.ini", 1, 1, NULL },
	{ "profile.ini", 0, 1, NULL },
	{ "rules.ini", 0, 1, NULL },
	{ ".ini", 0, 0, NULL },
	{ "notes.txt", 0, 0, NULL },
	{ "mercy.ini.bak", 0, 0, NULL },
	{ "sub/mercy.ini", 0, 0, NULL },
	{ "mercy", 0, 0, NULL },
};

static void which_files_are_notes(struct unit *u)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *name = cases[i].name, *want = cases[i].slug;
		char *slug = rf_notefile_valid_slug(name);
		int note = rf_notefile_is_note(name), recorded = rf_notefile_is_recorded(name);
		if (note != cases[i].note || recorded != cases[i].recorded || (want ? !slug || strcmp(slug, want) : !!slug)) {
			printf("# %s: note %d, recorded %d, slug %s\n", name, note, recorded, slug ? slug : "(none)");
			u->bad++;
		}
		free(slug);
	}
}

static void names_and_slugs(struct unit *u)
{
	char *s = rf_notefile_slug("mercy-general.ini");
	CHECK_STR(u, s, "mercy-general");
	free(s);
	s = rf_notefile_slug("mercy");	/* already a slug */
	CHECK_STR(u, s, "mercy");
	free(s);
	s = rf_notefile_slug("a.ini.ini");
	CHECK_STR(u, s, "a.ini");
	free(s);
	s = rf_notefile_name("mercy-general");
	CHECK_STR(u, s, "mercy-general.ini");
	char *back = rf_notefile_slug(s);
	CHECK_STR(u, back, "mercy-general");
	free(back);
	free(s);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, which_files_are_notes);
	RUN(&u, names_and_slugs);
	return UNIT_DONE(&u);
}
