/* Unit tests for lib/output.c: display width, the four table renderings,
 * CSV quoting (RFC 4180) and JSON escaping. */
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "unit.h"

/* What fn printed for s, as a string the caller frees. */
static char *capture(void (*fn)(FILE *, const char *), const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	fn(f, s);
	fclose(f);
	return buf;
}

static char *render(const struct rf_table *t, enum rf_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rf_table_print(t, fmt, f);
	fclose(f);
	return buf;
}

static void check_field(struct unit *u, void (*fn)(FILE *, const char *), const char *in, const char *want)
{
	char *got = capture(fn, in);
	CHECK_STR(u, got, want);
	free(got);
}

static void test_display_width(struct unit *u)
{
	CHECK(u, rf_display_width("") == 0);
	CHECK(u, rf_display_width("Mercy General") == 13);
	CHECK(u, rf_display_width("Hôpital Saint-Éloi") == 18);
	/* e + combining acute accent: one column. */
	CHECK(u, rf_display_width("Cafe\xcc\x81") == 4);
	CHECK(u, rf_display_width("東京大学病院") == 12);
	CHECK(u, rf_display_width("서울대병원") == 10);
	CHECK(u, rf_display_width("Ｒ") == 2);
	CHECK(u, rf_display_width("\xf0\x9f\x9a\xa9") == 2);	/* U+1F6A9 triangular flag */
	/* Invalid bytes count one column each, never swallow what follows. */
	CHECK(u, rf_display_width("a\xff" "b") == 3);
	CHECK(u, rf_display_width("\xc3") == 1);
	CHECK(u, rf_display_width("\xe6\x9d" "x") == 3);
	CHECK(u, rf_display_width("\xc0\xaf") == 2);	/* overlong '/' */
	CHECK(u, rf_display_width("\xed\xa0\x80") == 3);	/* surrogate */
}

static void test_csv_field(struct unit *u)
{
	check_field(u, rf_csv_field, "plain", "plain");
	check_field(u, rf_csv_field, "", "");
	check_field(u, rf_csv_field, "a,b", "\"a,b\"");
	check_field(u, rf_csv_field, "say \"case-by-case\"", "\"say \"\"case-by-case\"\"\"");
	check_field(u, rf_csv_field, "two\nlines", "\"two\nlines\"");
	check_field(u, rf_csv_field, "cr\rhere", "\"cr\rhere\"");
	check_field(u, rf_csv_field, "Hôpital; #1", "Hôpital; #1");
}

static void test_tsv_field(struct unit *u)
{
	check_field(u, rf_tsv_field, "a\tb\nc\\d\re", "a\\tb\\nc\\\\d\\re");
}

static void test_json_string(struct unit *u)
{
	check_field(u, rf_json_string, "", "\"\"");
	check_field(u, rf_json_string, "We can look into it \"after you match\"",
		    "\"We can look into it \\\"after you match\\\"\"");
	check_field(u, rf_json_string, "back\\slash", "\"back\\\\slash\"");
	check_field(u, rf_json_string, "t\tn\nr\r", "\"t\\tn\\nr\\r\"");
	check_field(u, rf_json_string, "\x01\x1b[31m\x7f", "\"\\u0001\\u001b[31m\\u007f\"");
	check_field(u, rf_json_string, "Hôpital Saint-Éloi 東京", "\"Hôpital Saint-Éloi 東京\"");
	check_field(u, rf_json_string, "bad\xff" "byte", "\"bad\\ufffdbyte\"");
	check_field(u, rf_json_string, "cut\xe6\x9d", "\"cut\\ufffd\\ufffd\"");
}

static struct rf_table sample(void)
{
	static const char *const names[] = { "rank", "program", "risk" };
	static const char *const r1[] = { "1", "Hôpital Saint-Éloi", "12" };
	static const char *const r2[] = { "2", "東京大学病院", "7.5" };
	static const char *const r3[] = { "10", "Mercy, \"General\"", NULL };
	struct rf_table t;
	rf_table_init(&t, 3, names);
	rf_table_set_kind(&t, 0, RF_COL_NUMBER);
	rf_table_set_kind(&t, 2, RF_COL_NUMBER);
	rf_table_add(&t, r1);
	rf_table_add(&t, r2);
	rf_table_add(&t, r3);
	return t;
}

static void test_table_aligned(struct unit *u)
{
	struct rf_table t = sample();
	char *got = render(&t, RF_FORMAT_TEXT);
	CHECK_STR(u, got,
		  "rank  program             risk\n"
		  "   1  Hôpital Saint-Éloi    12\n"
		  "   2  東京大学病院         7.5\n"
		  "  10  Mercy, \"General\"        \n");
	free(got);
	rf_table_free(&t);
}

static void test_table_last_text_column_unpadded(struct unit *u)
{
	static const char *const names[] = { "program", "status" };
	static const char *const r1[] = { "Hôpital", "interviewed" };
	static const char *const r2[] = { "a\nb\x1b", "x" };
	struct rf_table t;
	rf_table_init(&t, 2, names);
	rf_table_add(&t, r1);
	rf_table_add(&t, r2);
	char *got = render(&t, RF_FORMAT_TEXT);
	CHECK_STR(u, got, "program  status\nHôpital  interviewed\na?b?     x\n");
	free(got);
	rf_table_free(&t);
}

/* Padding wider than one run of spaces, on the left of a number and the
 * right of text; a DEL and a control byte at the end of a cell. */
static void test_table_wide_padding(struct unit *u)
{
	static const char *const names[] = { "program", "risk" };
	static const char *const r1[] = { "A program with a name of fifty characters, ok", "12.5" };
	static const char *const r2[] = { "x\x7f", "1234567890123456789012345678901234567890" };
	struct rf_table t;
	rf_table_init(&t, 2, names);
	rf_table_set_kind(&t, 1, RF_COL_NUMBER);
	rf_table_add(&t, r1);
	rf_table_add(&t, r2);
	char *got = render(&t, RF_FORMAT_TEXT);
	char want[512];
	snprintf(want, sizeof(want), "program%*s  %*s\n%s  %*s\nx?%*s  %s\n", 38, "", 40, "risk", r1[0], 40, "12.5", 43,
		 "", r2[1]);
	CHECK_STR(u, got, want);
	free(got);
	rf_table_free(&t);
}

/* Cells are copied into shared blocks: thousands of them, and one longer
 * than a block, keep their own text and NULL stays NULL. */
static void test_table_many_cells(struct unit *u)
{
	static const char *const names[] = { "program", "note" };
	enum { ROWS = 3000, LONG = 40000 };
	char *long_text = malloc(LONG + 1);
	memset(long_text, 'x', LONG);
	long_text[LONG] = '\0';
	struct rf_table t;
	rf_table_init(&t, 2, names);
	for (int i = 0; i < ROWS; i++) {
		char name[32];
		snprintf(name, sizeof(name), "program-%04d", i);
		const char *row[] = { name, i == 1500 ? long_text : i % 3 ? "seen" : NULL };
		rf_table_add(&t, row);
	}
	int same = 1;
	for (int i = 0; i < ROWS && same; i++) {
		char name[32];
		snprintf(name, sizeof(name), "program-%04d", i);
		const char *want = i == 1500 ? long_text : i % 3 ? "seen" : NULL;
		const char *got = t.cells[2 * i + 1];
		same = !strcmp(t.cells[2 * i], name) && (want ? got && !strcmp(got, want) : !got);
	}
	CHECK(u, same);
	char *text = render(&t, RF_FORMAT_TEXT);
	/* Header, rows, each line padded to the long cell only where a cell follows. */
	CHECK(u, !strncmp(text, "program       note\n", 19));
	CHECK(u, strstr(text, "\nprogram-0001  seen\n") && strstr(text, "\nprogram-0000\n") == NULL &&
		 strstr(text, "\nprogram-0000  \n"));
	free(text);
	free(long_text);
	rf_table_free(&t);
}

/* Cells the style hook names are wrapped, padding included; the header
 * never is. */
static const char *style_second(const struct rf_table *t, size_t row, size_t col, const void *ctx)
{
	(void)t;
	return col == 1 && row == *(const size_t *)ctx ? "<S>" : NULL;
}

static void test_table_style(struct unit *u)
{
	static const char *const names[] = { "program", "risk", "tier" };
	static const char *const r1[] = { "mercy", "12", "high" };
	static const char *const r2[] = { "lakeside", "4.5", "low" };
	size_t row = 1;
	struct rf_table t;
	rf_table_init(&t, 3, names);
	rf_table_set_kind(&t, 1, RF_COL_NUMBER);
	rf_table_add(&t, r1);
	rf_table_add(&t, r2);
	t.style = style_second;
	t.style_ctx = &row;
	char *got = render(&t, RF_FORMAT_TEXT);
	CHECK_STR(u, got, "program   risk  tier\nmercy       12  high\nlakeside  <S> 4.5\033[m  low\n");
	free(got);
	got = render(&t, RF_FORMAT_TSV);
	CHECK_STR(u, got, "program\trisk\ttier\nmercy\t12\thigh\nlakeside\t4.5\tlow\n");
	free(got);
	rf_table_free(&t);
}

static void test_table_csv(struct unit *u)
{
	struct rf_table t = sample();
	char *got = render(&t, RF_FORMAT_CSV);
	CHECK_STR(u, got,
		  "rank,program,risk\r\n"
		  "1,Hôpital Saint-Éloi,12\r\n"
		  "2,東京大学病院,7.5\r\n"
		  "10,\"Mercy, \"\"General\"\"\",\r\n");
	free(got);
	rf_table_free(&t);
}

static void test_table_tsv(struct unit *u)
{
	struct rf_table t = sample();
	char *got = render(&t, RF_FORMAT_TSV);
	CHECK_STR(u, got,
		  "rank\tprogram\trisk\n"
		  "1\tHôpital Saint-Éloi\t12\n"
		  "2\t東京大学病院\t7.5\n"
		  "10\tMercy, \"General\"\t\n");
	free(got);
	rf_table_free(&t);
}

static void test_table_json(struct unit *u)
{
	struct rf_table t = sample();
	static const char *const odd[] = { "+5", "x", "0x1A" };
	rf_table_add(&t, odd);
	char *got = render(&t, RF_FORMAT_JSON);
	CHECK_STR(u, got,
		  "[\n"
		  " {\"rank\": 1, \"program\": \"Hôpital Saint-Éloi\", \"risk\": 12},\n"
		  " {\"rank\": 2, \"program\": \"東京大学病院\", \"risk\": 7.5},\n"
		  " {\"rank\": 10, \"program\": \"Mercy, \\\"General\\\"\", \"risk\": null},\n"
		  " {\"rank\": null, \"program\": \"x\", \"risk\": null}\n"
		  "]\n");
	free(got);
	rf_table_free(&t);
}

/* A percent column: '%' in the aligned text, a bare number elsewhere. */
static void test_table_percent(struct unit *u)
{
	static const char *const names[] = { "program", "known" };
	static const char *const r1[] = { "a", "18" };
	static const char *const r2[] = { "b", "100" };
	static const char *const r3[] = { "c", NULL };
	struct rf_table t;
	rf_table_init(&t, 2, names);
	rf_table_set_kind(&t, 1, RF_COL_PERCENT);
	rf_table_add(&t, r1);
	rf_table_add(&t, r2);
	rf_table_add(&t, r3);
	char *got = render(&t, RF_FORMAT_TEXT);
	CHECK_STR(u, got, "program  known\na          18%\nb         100%\nc             \n");
	free(got);
	got = render(&t, RF_FORMAT_TSV);
	CHECK_STR(u, got, "program\tknown\na\t18\nb\t100\nc\t\n");
	free(got);
	got = render(&t, RF_FORMAT_JSON);
	CHECK_STR(u, got, "[\n {\"program\": \"a\", \"known\": 18},\n {\"program\": \"b\", \"known\": 100},\n"
			  " {\"program\": \"c\", \"known\": null}\n]\n");
	free(got);
	rf_table_free(&t);
}

static void test_table_json_empty(struct unit *u)
{
	static const char *const names[] = { "a" };
	struct rf_table t;
	rf_table_init(&t, 1, names);
	char *got = render(&t, RF_FORMAT_JSON);
	CHECK_STR(u, got, "[]\n");
	free(got);
	got = render(&t, RF_FORMAT_TEXT);
	CHECK_STR(u, got, "a\n");
	free(got);
	rf_table_free(&t);
}

static void test_format_parse(struct unit *u)
{
	static const char *const some[] = { "text", "json", NULL };
	enum rf_format f = RF_FORMAT_TEXT;
	CHECK(u, rf_format_parse("csv", NULL, &f) == 0 && f == RF_FORMAT_CSV);
	CHECK(u, rf_format_parse("json", some, &f) == 0 && f == RF_FORMAT_JSON);
	fprintf(stderr, "# expected error follows:\n");
	CHECK(u, rf_format_parse("tsv", some, &f) == -1);
	CHECK(u, rf_format_parse("JSON", NULL, &f) == -1);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_display_width);
	RUN(&u, test_csv_field);
	RUN(&u, test_tsv_field);
	RUN(&u, test_json_string);
	RUN(&u, test_table_aligned);
	RUN(&u, test_table_last_text_column_unpadded);
	RUN(&u, test_table_wide_padding);
	RUN(&u, test_table_many_cells);
	RUN(&u, test_table_style);
	RUN(&u, test_table_csv);
	RUN(&u, test_table_tsv);
	RUN(&u, test_table_json);
	RUN(&u, test_table_percent);
	RUN(&u, test_table_json_empty);
	RUN(&u, test_format_parse);
	return UNIT_DONE(&u);
}
