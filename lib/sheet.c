#include "sheet.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The state of one read.  libcsv says when a cell and a row end, not
 * where: the text is fed one physical line at a time, so that the line in
 * effect when a callback fires is the line the cell ends on. */
struct ctx {
	struct rf_sheet *out;
	const char *label;
	struct rf_sheet_row row;	/* the row being read */
	size_t row_cap, rows_cap;
	unsigned line;		/* the physical line being fed */
	unsigned cell_line;	/* where the next cell starts */
	int in_row;		/* a row has begun and not ended */
	int failed;
};

/* The length of the valid UTF-8 prefix of s (n bytes). */
static size_t utf8_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (!k || i + k > n)
			return i;
		unsigned long cp = k == 1 ? c : c & (0x7F >> k);
		for (size_t j = 1; j < k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		static const unsigned long min[] = { 0, 0, 0x80, 0x800, 0x10000 };
		if (cp < min[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += k;
	}
	return n;
}

static unsigned count_lf(const char *s, size_t n)
{
	unsigned k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'));
	return k;
}

static void fail_at(struct ctx *c, unsigned line, const char *what)
{
	rf_error("%s:%u:%zu: %s", c->label, line, c->row.n + 1, what);
	c->failed = 1;
}

static void on_cell(void *s, size_t len, void *data)
{
	struct ctx *c = data;
	const char *text = s ? s : "";
	if (c->failed)
		return;
	if (memchr(text, '\0', len)) {
		size_t at = (size_t)((const char *)memchr(text, '\0', len) - text);
		fail_at(c, c->cell_line + count_lf(text, at), "a NUL byte: this is not a text file (a sheet saved as "
			"UTF-16 without its byte order mark?)");
		return;
	}
	size_t ok = utf8_prefix((const unsigned char *)text, len);
	if (ok < len) {
		fail_at(c, c->cell_line + count_lf(text, ok), "not UTF-8 text: save the sheet as \"CSV UTF-8\" "
			"(Excel) or choose the UTF-8 character set (LibreOffice)");
		return;
	}
	if (c->row.n == c->row_cap) {
		c->row_cap = c->row_cap ? 2 * c->row_cap : 16;
		c->row.cells = rf_xrealloc(c->row.cells, c->row_cap * sizeof(*c->row.cells));
	}
	struct rf_sheet_cell *cell = &c->row.cells[c->row.n++];
	cell->text = rf_xstrndup(text, len);
	cell->len = len;
	cell->line = c->cell_line;
	c->cell_line = c->line;
}

static void free_row(struct rf_sheet_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cells[i].text);
	free(r->cells);
	memset(r, 0, sizeof(*r));
}

int rf_sheet_blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

static void on_row(int term, void *data)
{
	struct ctx *c = data;
	(void)term;
	c->in_row = 0;
	if (c->failed)
		return;
	int blank = 1;
	for (size_t i = 0; blank && i < c->row.n; i++)
		blank = rf_sheet_blank(c->row.cells[i].text);
	/* Sheets save rows that were only formatted as ",,,,": not programs. */
	if (blank) {
		free_row(&c->row);
	} else {
		struct rf_sheet *o = c->out;
		if (o->n == c->rows_cap) {
			c->rows_cap = c->rows_cap ? 2 * c->rows_cap : 64;
			o->rows = rf_xrealloc(o->rows, c->rows_cap * sizeof(*o->rows));
		}
		o->rows[o->n++] = c->row;
		memset(&c->row, 0, sizeof(c->row));
	}
	c->row_cap = 0;
}

/* Spaces are part of a cell (RFC 4180): libcsv would trim them. */
static int never_space(unsigned char ch)
{
	(void)ch;
	return 0;
}

/* The end of the physical line that starts at pos, after its CRLF, LF or
 * CR. */
static size_t line_end(const char *s, size_t len, size_t pos)
{
	while (pos < len && s[pos] != '\n' && s[pos] != '\r')
		pos++;
	if (pos < len)
		pos += s[pos] == '\r' && pos + 1 < len && s[pos + 1] == '\n' ? 2 : 1;
	return pos;
}

/* The delimiter the header row uses most, outside quotes. */
static char detect_delim(const char *s, size_t len)
{
	static const char cand[] = { ',', '\t', ';' };
	size_t count[3] = { 0, 0, 0 }, i = 0;
	int quoted = 0;
	while (i < len && (s[i] == '\n' || s[i] == '\r'))
		i++;
	for (; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			break;
		for (size_t k = 0; !quoted && k < 3; k++)
			count[k] += s[i] == cand[k];
	}
	size_t best = 0;
	for (size_t k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return cand[best];
}

/* UTF-16 (Excel's "Unicode Text") to UTF-8. */
static int from_utf16(const char *label, const char *enc, const char *data, size_t len, struct rf_buf *out)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1)
		return rf_error_errno("%s: converting from %s", label, enc);
	size_t cap = len * 2 + 16;
	char *buf = rf_xmalloc(cap), *in = (char *)data, *o = buf;
	size_t inleft = len, outleft = cap;
	int r = 0;
	while (inleft && r == 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = (size_t)(o - buf);
			cap *= 2;
			buf = rf_xrealloc(buf, cap);
			o = buf + used;
			outleft = cap - used;
		} else {
			r = rf_error("%s: not valid %s text (byte %zu)", label, enc, len - inleft + 2);
		}
	}
	iconv_close(cd);
	if (r == 0)
		rf_buf_add(out, buf, (size_t)(o - buf));
	free(buf);
	return r;
}

int rf_sheet_parse(struct rf_sheet *out, const char *label, const char *data, size_t len, char delim)
{
	struct rf_buf converted = RF_BUF_INIT;
	struct csv_parser p;
	struct ctx c;
	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	c.out = out;
	c.label = label;
	c.line = 1;
	if (len >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF'))) {
		if (from_utf16(label, data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE", data + 2, len - 2, &converted) < 0)
			return -1;
		data = converted.buf ? converted.buf : "";
		len = converted.len;
		out->bom = 1;
	} else if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
		out->bom = 1;
	}
	size_t pos = 0;
	if (len >= 5 && !memcmp(data, "sep=", 4) && data[4] != '\n' && data[4] != '\r' &&
	    (len == 5 || data[5] == '\n' || data[5] == '\r')) {
		if (!delim)
			delim = data[4];
		pos = line_end(data, len, 4);
		c.line = 2;
	}
	out->delim = delim ? delim : detect_delim(data + pos, len - pos);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		rf_buf_free(&converted);
		return rf_error("%s: cannot start the CSV parser", label);
	}
	csv_set_delim(&p, (unsigned char)out->delim);
	csv_set_space_func(&p, never_space);
	while (pos < len && !c.failed) {
		size_t end = line_end(data, len, pos);
		size_t ends = 0;
		while (pos + ends < end && (data[pos + ends] == '\r' || data[pos + ends] == '\n'))
			ends++;
		if (!c.in_row && ends < end - pos) {
			c.in_row = 1;
			c.row.line = c.cell_line = c.line;
		}
		size_t done = csv_parse(&p, data + pos, end - pos, on_cell, on_row, &c);
		if (!c.failed && done < end - pos) {
			if (csv_error(&p) != CSV_EPARSE)
				fail_at(&c, c.cell_line, csv_strerror(csv_error(&p)));
			else if (data[pos + done] == '"')
				fail_at(&c, c.cell_line, "a '\"' in a cell that does not start with one: a cell "
					"holding quotes must be in quotes, each '\"' doubled");
			else if (c.line != c.cell_line) {
				char *m = rf_xasprintf("the quoted cell that starts here has text after its closing "
						       "quote on line %u: a '\"' inside a quoted cell is written twice",
						       c.line);
				fail_at(&c, c.cell_line, m);
				free(m);
			} else {
				fail_at(&c, c.cell_line, "text after the closing quote of a quoted cell: a '\"' "
					"inside a quoted cell is written twice");
			}
		}
		c.line += data[end - 1] == '\n' || data[end - 1] == '\r';
		pos = end;
	}
	if (!c.failed && csv_fini(&p, on_cell, on_row, &c) != 0)
		fail_at(&c, c.cell_line, "a quoted cell starts here and is never closed: the file ends inside "
			"its quotes");
	csv_free(&p);
	free_row(&c.row);
	rf_buf_free(&converted);
	return c.failed ? -1 : 0;
}

void rf_sheet_free(struct rf_sheet *c)
{
	for (size_t i = 0; i < c->n; i++)
		free_row(&c->rows[i]);
	free(c->rows);
	memset(c, 0, sizeof(*c));
}

int rf_sheet_delimiter(const char *arg, char *out)
{
	if (!strcmp(arg, "tab") || !strcmp(arg, "\\t") || !strcmp(arg, "\t"))
		*out = '\t';
	else if (strlen(arg) == 1 && !strchr("\"\r\n", arg[0]))
		*out = arg[0];
	else
		return rf_error("--delimiter %s: expected one character (',', ';', '|') or 'tab'", arg);
	return 0;
}
