/* Headings to keys: every way a heading names one, the mapping file, and
 * the "did you mean" offered for the rest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sheetmap.h"
#include "unit.h"

static struct rf_template t;

/* A header row of n headings on line 1. */
static struct rf_sheet_row header(const char *const *h, size_t n)
{
	struct rf_sheet_row row = { rf_xcalloc(n, sizeof(struct rf_sheet_cell)), n, 1 };
	for (size_t i = 0; i < n; i++)
		row.cells[i] = (struct rf_sheet_cell){ rf_xstrdup(h[i]), strlen(h[i]), 1 };
	return row;
}

static void free_header(struct rf_sheet_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		free(row->cells[i].text);
	free(row->cells);
}

static void headings_name_keys(struct unit *u)
{
	static const char *const h[] = { "slug", "Program Name", "Visa.H1B", "Interview date", "H1B",
					 "quotes.2026-12-05 pd", "", "extra.keep" };
	struct rf_sheet_row row = header(h, 8);
	struct rf_column cols[8];
	struct rf_strv problems = RF_STRV_INIT, known = RF_STRV_INIT;
	rf_strv_push(&known, rf_xstrdup("extra.keep"));
	CHECK(u, rf_sheetmap_columns(NULL, &t, &known, 0, "s.csv", &row, cols, &problems) == 1);
	CHECK(u, cols[0].kind == RF_COLUMN_SLUG);
	CHECK(u, cols[1].kind == RF_COLUMN_KEY && !strcmp(cols[1].section, "program") && !strcmp(cols[1].key, "name"));
	CHECK(u, cols[2].kind == RF_COLUMN_KEY && !strcmp(cols[2].key, "h1b") && cols[2].field);
	CHECK(u, cols[3].kind == RF_COLUMN_KEY && !strcmp(cols[3].key, "interview_date"));
	/* Two columns for visa.h1b: the second is the problem. */
	CHECK(u, problems.n == 1 && problems.v[0] &&
		 !strcmp(problems.v[0], "s.csv:1:5: column 'H1B' fills visa.h1b, as column 3 ('Visa.H1B') does"));
	CHECK(u, cols[5].kind == RF_COLUMN_KEY && !strcmp(cols[5].section, "quotes") &&
		 !strcmp(cols[5].key, "2026-12-05 pd") && cols[5].field && cols[5].field->vocab == RF_VOCAB_TEXT);
	CHECK(u, cols[6].kind == RF_COLUMN_UNNAMED);
	CHECK(u, cols[7].kind == RF_COLUMN_KEY && !cols[7].field);
	rf_sheetmap_columns_free(cols, 8);
	rf_strv_free(&problems);
	rf_strv_free(&known);
	free_header(&row);
}

static void unmapped_headings_get_suggestions(struct unit *u)
{
	static const char *const h[] = { "name", "H1B sponsor?", "extra.keep", "Notes" };
	struct rf_sheet_row row = header(h, 4);
	struct rf_column cols[4];
	struct rf_strv problems = RF_STRV_INIT, known = RF_STRV_INIT;
	CHECK(u, rf_sheetmap_columns(NULL, &t, &known, 0, "s.csv", &row, cols, &problems) == 3);
	CHECK_STR(u, problems.n > 0 ? problems.v[0] : NULL,
		  "s.csv:1:2: column 'H1B sponsor?' names no key of the template (did you mean visa.h1b?); map it "
		  "in a --map file under [columns] (\"H1B sponsor?\" = visa.h1b), or leave it out there "
		  "(\"H1B sponsor?\" = -)");
	CHECK_STR(u, problems.n > 2 ? problems.v[2] : NULL,
		  "s.csv:1:4: column 'Notes' names no key of the template; map it in a --map file under [columns] "
		  "(\"Notes\" = section.key), or leave it out there (\"Notes\" = -)");
	rf_sheetmap_columns_free(cols, 4);
	rf_strv_free(&problems);
	/* --force takes any section.key. */
	CHECK(u, rf_sheetmap_columns(NULL, &t, &known, 1, "s.csv", &row, cols, &problems) == 2);
	CHECK(u, cols[2].kind == RF_COLUMN_KEY);
	rf_sheetmap_columns_free(cols, 4);
	rf_strv_free(&problems);
	free_header(&row);
}

static void suggests_by_names_and_questions(struct unit *u)
{
	static const struct { const char *heading, *want; } cases[] = {
		{ "ABR core pass %", "outcomes.abr_core_pass_pct" },
		{ "Hours/week", "workload.hours_per_week" },
		{ "Residents left", "outcomes.residents_left_7y" },
		{ "Would you choose this program again?", "culture.would_choose_again" },
		{ "H1B sponsor?", "visa.h1b" },
		{ "Interveiw_date", "program.interview_date" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = rf_sheetmap_suggest(&t, cases[i].heading);
		CHECK_STR(u, s, cases[i].want);
		free(s);
	}
	CHECK(u, rf_sheetmap_suggest(&t, "zzz qqq") == NULL);
}

static void mapping_file(struct unit *u)
{
	char path[] = "/tmp/rf-test-map-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fputs("; mine\n[columns]\n\"H1B sponsor?\" = visa.h1b\n'Say \"hi\"' = notes.hi\nJunk = -\nID = slug\n"
	      "Bad = visa.h1\n", f);
	fclose(f);
	struct rf_sheetmap m;
	CHECK(u, rf_sheetmap_load(&m, path) == 0 && m.n == 5);
	CHECK_STR(u, m.n ? m.v[0].heading : NULL, "h1b sponsor?");
	CHECK_STR(u, m.n > 1 ? m.v[1].heading : NULL, "say \"hi\"");
	static const char *const h[] = { "H1B SPONSOR?", "Say \"hi\"", "junk", "ID", "Bad" };
	struct rf_sheet_row row = header(h, 5);
	struct rf_column cols[5];
	struct rf_strv problems = RF_STRV_INIT, known = RF_STRV_INIT;
	CHECK(u, rf_sheetmap_columns(&m, &t, &known, 0, "s.csv", &row, cols, &problems) == 1);
	CHECK(u, cols[0].kind == RF_COLUMN_KEY && !strcmp(cols[0].key, "h1b"));
	CHECK(u, cols[1].kind == RF_COLUMN_KEY && !strcmp(cols[1].key, "hi"));
	CHECK(u, cols[2].kind == RF_COLUMN_IGNORE);
	CHECK(u, cols[3].kind == RF_COLUMN_SLUG);
	char *want = rf_xasprintf("%s:7: visa.h1 is not a key of the template (did you mean visa.h1b?)", path);
	CHECK_STR(u, problems.n ? problems.v[0] : NULL, want);
	free(want);
	rf_sheetmap_columns_free(cols, 5);
	rf_strv_free(&problems);
	free_header(&row);
	rf_sheetmap_free(&m);
	/* Only [columns]. */
	f = fopen(path, "w");
	fputs("[values]\nyes = si\n", f);
	fclose(f);
	CHECK(u, rf_sheetmap_load(&m, path) < 0);
	rf_sheetmap_free(&m);
	unlink(path);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	if (rf_template_load(&t, "templates/program.ini") < 0)
		return 1;
	RUN(&u, headings_name_keys);
	RUN(&u, unmapped_headings_get_suggestions);
	RUN(&u, suggests_by_names_and_questions);
	RUN(&u, mapping_file);
	rf_template_free(&t);
	return UNIT_DONE(&u);
}
