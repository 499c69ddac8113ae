/* Reading sheets: what Excel, LibreOffice and hand-written CSV look like,
 * where each cell starts, and what is refused. */
#include <stdio.h>
#include <stdlib.h>

#include "sheet.h"
#include "unit.h"

static int parse(struct rf_sheet *s, const char *data, size_t len, char delim)
{
	return rf_sheet_parse(s, "t.csv", data, len, delim);
}

#define PARSE(s, lit, d) parse(s, lit, sizeof(lit) - 1, d)

static void excel_semicolons_bom_crlf(struct unit *u)
{
	struct rf_sheet s;
	int r = PARSE(&s, "\xEF\xBB\xBFname;notes.x\r\nMercy;\"a \"\"b\"\"\nc; d\"\r\n;\r\nLake;\r\n", 0);
	CHECK(u, r == 0);
	CHECK(u, s.bom && s.delim == ';');
	CHECK(u, s.n == 3);	/* the row of empty cells is left out */
	CHECK_STR(u, s.rows[0].cells[0].text, "name");
	CHECK_STR(u, s.rows[1].cells[1].text, "a \"b\"\nc; d");
	CHECK(u, s.rows[1].line == 2 && s.rows[1].cells[1].line == 2);
	CHECK(u, s.rows[2].line == 5);
	CHECK_STR(u, s.rows[2].cells[0].text, "Lake");
	CHECK(u, s.rows[2].n == 2 && s.rows[2].cells[1].len == 0);
	rf_sheet_free(&s);
}

static void cells_keep_spaces_and_lines_count(struct unit *u)
{
	struct rf_sheet s;
	int r = PARSE(&s, "a,b\n x ,\"y\ny\"\n\n  \nlast, z", 0);
	CHECK(u, r == 0 && s.delim == ',');
	CHECK(u, s.n == 3);
	CHECK_STR(u, s.rows[1].cells[0].text, " x ");
	CHECK(u, s.rows[1].cells[1].line == 2);
	CHECK(u, s.rows[2].line == 6);
	CHECK_STR(u, s.rows[2].cells[1].text, " z");
	rf_sheet_free(&s);
	/* CR alone ends lines too (old Excel for Mac). */
	r = PARSE(&s, "a,b\r1,2\r3,4", 0);
	CHECK(u, r == 0 && s.n == 3 && s.rows[2].line == 3);
	rf_sheet_free(&s);
}

static void detects_and_takes_delimiters(struct unit *u)
{
	struct rf_sheet s;
	CHECK(u, PARSE(&s, "a\tb;c\td\n1\t2\n", 0) == 0 && s.delim == '\t' && s.rows[0].n == 3);
	rf_sheet_free(&s);
	CHECK(u, PARSE(&s, "\"a;b\",c\n", 0) == 0 && s.delim == ',');
	rf_sheet_free(&s);
	CHECK(u, PARSE(&s, "sep=|\na|b\n1|2\n", 0) == 0 && s.delim == '|' && s.n == 2 && s.rows[0].line == 2);
	rf_sheet_free(&s);
	CHECK(u, PARSE(&s, "a;b\n", ',') == 0 && s.rows[0].n == 1);
	rf_sheet_free(&s);
	char d = 0;
	CHECK(u, rf_sheet_delimiter("tab", &d) == 0 && d == '\t');
	CHECK(u, rf_sheet_delimiter(";", &d) == 0 && d == ';');
	CHECK(u, rf_sheet_delimiter("\"", &d) < 0);
	CHECK(u, rf_sheet_delimiter(",,", &d) < 0);
}

static void converts_utf16(struct unit *u)
{
	struct rf_sheet s;
	/* "a\tb\r\nx\t\u00e9\r\n" in UTF-16LE with its BOM. */
	static const char le[] = "\xFF\xFE" "a\0\t\0b\0\r\0\n\0x\0\t\0\xE9\0\r\0\n\0";
	CHECK(u, parse(&s, le, sizeof(le) - 1, 0) == 0);
	CHECK(u, s.bom && s.delim == '\t' && s.n == 2);
	CHECK_STR(u, s.rows[1].cells[1].text, "\xC3\xA9");
	rf_sheet_free(&s);
}

static void refuses_what_it_cannot_read(struct unit *u)
{
	struct rf_sheet s;
	CHECK(u, PARSE(&s, "a,b\n1,\"open\n2,3\n", 0) < 0);
	rf_sheet_free(&s);
	CHECK(u, PARSE(&s, "a,b\n1,x\"y\n", 0) < 0);
	rf_sheet_free(&s);
	CHECK(u, PARSE(&s, "a,b\n1,\"x\"y\n", 0) < 0);
	rf_sheet_free(&s);
	CHECK(u, parse(&s, "a,b\n1,\0\n", 7, 0) < 0);
	rf_sheet_free(&s);
	CHECK(u, PARSE(&s, "a,b\n1,\xE9t\xE9\n", 0) < 0);
	rf_sheet_free(&s);
	CHECK(u, PARSE(&s, "\xFF\xFE" "a\0\x00\xD8", 0) < 0);	/* a lone surrogate */
	rf_sheet_free(&s);
	CHECK(u, PARSE(&s, "", 0) == 0 && s.n == 0);
	rf_sheet_free(&s);
}

static void blank_cells(struct unit *u)
{
	CHECK(u, rf_sheet_blank(""));
	CHECK(u, rf_sheet_blank(" \t\r\n"));
	CHECK(u, !rf_sheet_blank(" x "));
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, excel_semicolons_bom_crlf);
	RUN(&u, cells_keep_spaces_and_lines_count);
	RUN(&u, detects_and_takes_delimiters);
	RUN(&u, converts_utf16);
	RUN(&u, refuses_what_it_cannot_read);
	RUN(&u, blank_cells);
	return UNIT_DONE(&u);
}
