/* fuzz-sheet: the sheet reader and the answer normaliser.  Any bytes must
 * read without a crash or a leak; what reads has valid UTF-8 cells whose
 * lines never go back, and written again as CSV (rf_csv_field_sep) reads
 * back as the same cells; every cell normalised for each kind of key
 * either fits that key's vocabulary or is refused. */
#include <stdint.h>
#include <string.h>

#include "answer.h"
#include "fuzz.h"
#include "output.h"
#include "sheet.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rf_template t;
static const struct rf_field *fields[6];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rf_fuzz_quiet();
	if (rf_template_load(&t, "templates/program.ini") < 0)
		abort();
	static const char *const keys[][2] = { { "visa", "h1b" }, { "program", "track" },
					       { "outcomes", "abr_core_pass_pct" }, { "program", "interview_date" },
					       { "red_flags", "x" }, { "notes", "x" } };
	for (size_t i = 0; i < 6; i++)
		fields[i] = rf_template_field(&t, keys[i][0], keys[i][1]);
	return 0;
}

static void same_cells(const struct rf_sheet *a, const struct rf_sheet *b)
{
	RF_FUZZ_ASSERT(a->n == b->n);
	for (size_t r = 0; r < a->n; r++) {
		RF_FUZZ_ASSERT(a->rows[r].n == b->rows[r].n);
		for (size_t c = 0; c < a->rows[r].n; c++)
			RF_FUZZ_ASSERT(a->rows[r].cells[c].len == b->rows[r].cells[c].len &&
				       !memcmp(a->rows[r].cells[c].text, b->rows[r].cells[c].text,
					       a->rows[r].cells[c].len));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rf_sheet s;
	if (rf_sheet_parse(&s, "fuzz.csv", (const char *)data, size, 0) < 0) {
		rf_sheet_free(&s);
		return 0;
	}
	unsigned last = 0;
	int plain_start = 1;
	for (size_t r = 0; r < s.n; r++) {
		const struct rf_sheet_row *row = &s.rows[r];
		RF_FUZZ_ASSERT(row->line > last || (r == 0 && row->line >= 1));
		last = row->line;
		for (size_t c = 0; c < row->n; c++) {
			const struct rf_sheet_cell *cell = &row->cells[c];
			RF_FUZZ_ASSERT(strlen(cell->text) == cell->len && cell->line >= row->line);
			for (size_t f = 0; f < 6; f++) {
				char *out = NULL, *problem = NULL;
				int ok = rf_answer_normalize(fields[f], "k", cell->text, 0, &out, &problem) == 0;
				RF_FUZZ_ASSERT(ok ? out && !problem : !out && problem);
				char *bad = ok && *out ? rf_field_check(fields[f], out) : NULL;
				RF_FUZZ_ASSERT(!bad);
				free(out);
				free(problem);
			}
		}
	}
	/* A first cell that reads as Excel's "sep=" line or starts with a
	 * byte order mark would read differently written alone. */
	if (s.n && s.rows[0].n)
		plain_start = strncmp(s.rows[0].cells[0].text, "sep=", 4) != 0 &&
			      strncmp(s.rows[0].cells[0].text, "\xEF\xBB\xBF", 3) != 0;
	if (plain_start) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);
		for (size_t r = 0; r < s.n; r++) {
			for (size_t c = 0; c < s.rows[r].n; c++) {
				if (c)
					fputc(s.delim, out);
				rf_csv_field_sep(out, s.rows[r].cells[c].text, s.delim);
			}
			fputs("\r\n", out);
		}
		fclose(out);
		struct rf_sheet again;
		RF_FUZZ_ASSERT(rf_sheet_parse(&again, "again.csv", buf, len, s.delim) == 0);
		same_cells(&s, &again);
		rf_sheet_free(&again);
		free(buf);
	}
	rf_sheet_free(&s);
	return 0;
}
