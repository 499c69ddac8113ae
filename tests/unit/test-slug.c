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

/* Other scripts: what the C library can transliterate, and what it cannot. */
static void slug_from_every_script(struct unit *u)
{
	check_slug(u, "Москва State Medical", "moskva-state-medical");
	check_slug(u, "Київ", "kiyiv");
	check_slug(u, "Αθήνα General", "athina-general");
	check_slug(u, "Bệnh viện Việt Đức", "benh-vien-viet-duc");
	check_slug(u, "Café\xcc\x81 Rouge", "cafe-rouge");	/* a combining accent */
	check_slug(u, "Mercy\xe2\x84\xa2 General", "mercy-general");	/* a symbol is a separator */
	check_slug(u, "Тверь", "tver");	/* the soft sign has no letter */
	check_slug(u, "東京大学 IR", "ir");	/* what can be spelt is kept */
	check_slug(u, "東京大学病院", NULL);
	check_slug(u, "مستشفى الجامعة", NULL);
	check_slug(u, "अस्पताल", NULL);
	check_slug(u, "서울대병원", NULL);
}

/* The message for a name of letters rf cannot spell says how to go on. */
static void slug_refusal_says_how(struct unit *u)
{
	FILE *saved = stderr;
	char *msg = NULL;
	size_t len = 0;
	stderr = open_memstream(&msg, &len);
	char *s = rf_slug_from_name("東京 '大学'");
	fclose(stderr);
	stderr = saved;
	CHECK(u, s == NULL);
	CHECK(u, msg && strstr(msg, ": '東京 '大学'' has no letters rf can spell in ASCII for a file name; name the note "
				   "yourself: rf-new -s program.name='東京 '\\''大学'\\''' SLUG\n"));
	if (msg && !strstr(msg, "rf-new -s"))
		printf("# %s", msg);
	free(msg);
	free(s);
	/* rf_slug_guess says nothing. */
	msg = NULL;
	stderr = open_memstream(&msg, &len);
	s = rf_slug_guess("東京");
	char *t = rf_slug_guess("St Marys IR");
	fclose(stderr);
	stderr = saved;
	CHECK(u, s == NULL && len == 0);
	CHECK_STR(u, t, "st-marys-ir");
	free(msg);
	free(t);
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
	RUN(&u, slug_from_every_script);
	RUN(&u, slug_refusal_says_how);
	RUN(&u, slug_is_capped);
	RUN(&u, slug_validity);
	RUN(&u, program_arguments);
	return UNIT_DONE(&u);
}
