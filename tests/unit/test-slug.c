/* Slugs and program arguments: what may name a note. */
#include <stdlib.h>

#include "slug.h"
#include "unit.h"

static void check_slug(struct unit *u, const char *name, const char *want)
{
	char *s = rf_slug_from_name(name);
	if (want)
		CHECK_STR(u, s, want);
	else
		CHECK(u, s == NULL);
	free(s);
}

static void slug_from_program_names(struct unit *u)
{
	check_slug(u, "St. Mary's – IR (Integrated)", "st-marys-ir-integrated");
	check_slug(u, "Mercy General", "mercy-general");
	check_slug(u, "  --Leading and trailing--  ", "leading-and-trailing");
	check_slug(u, "Hôpital Saint-Éloi", "hopital-saint-eloi");
	check_slug(u, "Straße Łódź", "strasse-lodz");
	check_slug(u, "UCLA/Harbor", NULL);
	check_slug(u, "a\nb", NULL);
	check_slug(u, "", NULL);
	check_slug(u, "!!!", NULL);
	check_slug(u, "Rules", NULL);
	check_slug(u, "\xff\xfe", NULL);
}

static void slug_is_capped(struct unit *u)
{
	char name[301];
	memset(name, 'a', 300);
	name[300] = '\0';
	char *s = rf_slug_from_name(name);
	CHECK(u, s && strlen(s) == RF_SLUG_MAX);
	free(s);
	/* A cut never leaves a trailing dash. */
	char words[200] = "";
	for (int i = 0; i < 40; i++)
		strcat(words, "ab ");
	s = rf_slug_from_name(words);
	CHECK(u, s && s[strlen(s) - 1] != '-');
	free(s);
}

static void slug_validity(struct unit *u)
{
	CHECK(u, rf_slug_valid("mercy-general"));
	CHECK(u, !rf_slug_valid("-mercy"));
	CHECK(u, !rf_slug_valid("mercy--general"));
	CHECK(u, !rf_slug_valid("Mercy"));
	CHECK(u, !rf_slug_valid("profile"));
	CHECK(u, !rf_slug_valid(""));
}

static void program_arguments(struct unit *u)
{
	CHECK(u, rf_slug_check_arg("mercy") == 0);
	CHECK(u, rf_slug_check_arg("mercy.ini") == 0);
	CHECK(u, rf_slug_check_arg("../x") < 0);
	CHECK(u, rf_slug_check_arg("a/b") < 0);
	CHECK(u, rf_slug_check_arg("") < 0);
	CHECK(u, rf_slug_check_arg("..") < 0);
	CHECK(u, rf_slug_check_arg("a\tb") < 0);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, slug_from_program_names);
	RUN(&u, slug_is_capped);
	RUN(&u, slug_validity);
	RUN(&u, program_arguments);
	return UNIT_DONE(&u);
}
