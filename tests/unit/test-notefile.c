/* Which file names are notes, and the slug <-> file name round trip. */
#include <stdlib.h>

#include "notefile.h"
#include "unit.h"

static void which_files_are_notes(struct unit *u)
{
	CHECK(u, rf_notefile_is_note("mercy-general.ini"));
	/* Added with git under a name rf would not choose: still a note. */
	CHECK(u, rf_notefile_is_note("Mercy.ini"));
	CHECK(u, !rf_notefile_is_note("profile.ini"));
	CHECK(u, !rf_notefile_is_note("rules.ini"));
	CHECK(u, !rf_notefile_is_note(".ini"));
	CHECK(u, !rf_notefile_is_note("notes.txt"));
	CHECK(u, !rf_notefile_is_note("mercy.ini.bak"));
	CHECK(u, !rf_notefile_is_note("sub/mercy.ini"));
	CHECK(u, rf_notefile_is_recorded("mercy.ini") && rf_notefile_is_recorded("profile.ini") &&
			 rf_notefile_is_recorded("rules.ini"));
	CHECK(u, !rf_notefile_is_recorded("notes.txt") && !rf_notefile_is_recorded(".ini"));
}

static void check_valid_slug(struct unit *u, const char *name, const char *want)
{
	char *s = rf_notefile_valid_slug(name);
	if (want)
		CHECK_STR(u, s, want);
	else
		CHECK(u, s == NULL);
	free(s);
}

static void slugs_rf_can_name(struct unit *u)
{
	check_valid_slug(u, "mercy-general.ini", "mercy-general");
	check_valid_slug(u, "Mercy.ini", NULL);
	check_valid_slug(u, "profile.ini", NULL);
	check_valid_slug(u, "rules.ini", NULL);
	check_valid_slug(u, "-x.ini", NULL);
	check_valid_slug(u, "mercy", NULL);
	check_valid_slug(u, ".ini", NULL);
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
	RUN(&u, slugs_rf_can_name);
	RUN(&u, names_and_slugs);
	return UNIT_DONE(&u);
}
