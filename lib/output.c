#include "output.h"

#include <stdlib.h>
#include <string.h>

int rf_format_parse(const char *s, const char *const *allowed, enum rf_format *out)
{
	static const char *const names[] = { "text", "tsv", "csv", "json" };
	for (size_t i = 0; i < 4; i++) {
		if (strcmp(s, names[i]) != 0)
			continue;
		int ok = !allowed;
		for (size_t j = 0; allowed && allowed[j]; j++)
			ok |= !strcmp(allowed[j], s);
		if (ok) {
			*out = (enum rf_format)i;
			return 0;
		}
	}
	struct rf_buf b = RF_BUF_INIT;
	for (size_t j = 0; allowed ? allowed[j] != NULL : j < 4; j++)
		rf_buf_addf(&b, "%s%s", j ? ", " : "", allowed ? allowed[j] : names[j]);
	rf_error("--format %s: expected one of %s", s, b.buf);
	rf_buf_free(&b);
	return -1;
}

void rf_table_init(struct rf_table *t, size_t ncols, const char *const *names)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->names = rf_xcalloc(ncols, sizeof(*t->names));
	t->kinds = rf_xcalloc(ncols, sizeof(*t->kinds));
	for (size_t i = 0; i < ncols; i++)
		t->names[i] = rf_xstrdup(names[i]);
}

void rf_table_set_kind(struct rf_table *t, size_t col, enum rf_col_kind kind)
{
	if (col < t->ncols)
		t->kinds[col] = kind;
}

/* The cells' strings, copied into blocks freed together: a 2,000-row
 * table is 22,000 strings, and a malloc and a free for each were a tenth
 * of a warm rf-score. */
struct rf_table_text {
	struct rf_table_text *next;
	size_t used, size;
	char bytes[];
};

static char *copy_cell(struct rf_table *t, const char *s)
{
	size_t n = strlen(s) + 1;
	struct rf_table_text *b = t->text;
	if (!b || b->size - b->used < n) {
		size_t size = n > 16384 ? n : 16384;
		b = rf_xmalloc(sizeof(*b) + size);
		b->next = t->text;
		b->used = 0;
		b->size = size;
		t->text = b;
	}
	char *out = memcpy(b->bytes + b->used, s, n);
	b->used += n;
	return out;
}

void rf_table_add(struct rf_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->cells = rf_xrealloc(t->cells, t->cap * t->ncols * sizeof(*t->cells));
	}
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = cells[i] ? copy_cell(t, cells[i]) : NULL;
	t->nrows++;
}

void rf_table_free(struct rf_table *t)
{
	while (t->text) {
		struct rf_table_text *next = t->text->next;
		free(t->text);
		t->text = next;
	}
	for (size_t i = 0; i < t->ncols; i++)
		free(t->names[i]);
	free(t->cells);
	free(t->names);
	free(t->kinds);
	memset(t, 0, sizeof(*t));
}

struct range {
	unsigned long lo, hi;
};

static int in_ranges(unsigned long c, const struct range *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (c >= r[i].lo && c <= r[i].hi)
			return 1;
	return 0;
}

/* Columns of one code point: combining marks and zero-width characters 0,
 * East Asian wide and fullwidth characters (and emoji) 2, the rest 1. */
static size_t codepoint_width(unsigned long c)
{
	if (c < 0x300)
		return 1;
	static const struct range zero[] = {
		{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x05BF, 0x05BF },
		{ 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 }, { 0x05C7, 0x05C7 }, { 0x0610, 0x061A },
		{ 0x064B, 0x065F }, { 0x0670, 0x0670 }, { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 },
		{ 0x0900, 0x0902 }, { 0x093C, 0x093C }, { 0x0941, 0x0948 }, { 0x094D, 0x094D },
		{ 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E }, { 0x1AB0, 0x1AFF },
		{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 },
		{ 0x20D0, 0x20FF }, { 0x302A, 0x302D }, { 0x3099, 0x309A }, { 0xFE00, 0xFE0F },
		{ 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0xE0100, 0xE01EF },
	};
	static const struct range wide[] = {
		{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
		{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x26A1, 0x26A1 }, { 0x26AA, 0x26AB },
		{ 0x26BD, 0x26BE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x2705, 0x2705 },
		{ 0x274C, 0x274C }, { 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2B1B, 0x2B1C },
		{ 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
		{ 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
		{ 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 },
		{ 0x1F300, 0x1F64F }, { 0x1F680, 0x1F6FF }, { 0x1F900, 0x1F9FF },
		{ 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
	};
	if (in_ranges(c, zero, sizeof(zero) / sizeof(zero[0])))
		return 0;
	return in_ranges(c, wide, sizeof(wide) / sizeof(wide[0])) ? 2 : 1;
}

size_t rf_display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, len = strlen(s);
	while (len) {
		unsigned long c;
		/* Most of every table is ASCII: one column each, no lookup. */
		if (*p < 0x80) {
			w++;
			p++;
			len--;
			continue;
		}
		size_t n = rf_utf8_decode(p, len, &c);
		if (!n) {
			w++;
			p++;
			len--;
			continue;
		}
		w += codepoint_width(c);
		p += n;
		len -= n;
	}
	return w;
}

void rf_json_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	fputc('"', out);
	while (len) {
		unsigned long c;
		size_t n = *p >= 0x80 ? rf_utf8_decode(p, len, &c) : 1;
		if (!n) {
			/* JSON must be UTF-8: a stray byte becomes U+FFFD. */
			fputs("\\ufffd", out);
			p++;
			len--;
			continue;
		}
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				fprintf(out, "\\u%04x", *p);
			else
				fwrite(p, 1, n, out);
		}
		p += n;
		len -= n;
	}
	fputc('"', out);
}

void rf_csv_field(FILE *out, const char *s)
{
	rf_csv_field_sep(out, s, ',');
}

void rf_csv_field_sep(FILE *out, const char *s, char sep)
{
	char special[] = { sep, '"', '\r', '\n', '\0' };
	if (!strpbrk(s, special)) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void rf_tsv_field(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\\': fputs("\\\\", out); break;
		default: fputc(*s, out);
		}
	}
}

static const char *cell(const struct rf_table *t, size_t r, size_t c)
{
	return t->cells[r * t->ncols + c];
}

/* A cell for a terminal: control characters (a newline, an escape sequence
 * in a hand-edited note) would break the columns or drive the terminal, so
 * they are shown as '?', which has the width counted for them. */
static void put_visible(struct rf_buf *line, const char *s)
{
	/* Runs of printable bytes at once: a 2,000-row table is 150,000 of
	 * them. */
	while (*s) {
		size_t n = 0;
		while (s[n] && (unsigned char)s[n] >= 0x20 && s[n] != 0x7F)
			n++;
		rf_buf_add(line, s, n);
		s += n;
		if (*s) {
			rf_buf_addc(line, '?');
			s++;
		}
	}
}

static void put_spaces(struct rf_buf *line, size_t n)
{
	static const char spaces[] = "                                ";
	for (; n > sizeof(spaces) - 1; n -= sizeof(spaces) - 1)
		rf_buf_add(line, spaces, sizeof(spaces) - 1);
	rf_buf_add(line, spaces, n);
}

/* JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
 * (strtod also takes "0x1A", "+5", ".5", "5." and " 5", which jq rejects). */
static int json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		if (!(*++s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		if (*++s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* The columns a cell takes in the aligned text (a percent sign added). */
static size_t text_width(const struct rf_table *t, size_t c, const char *s)
{
	return rf_display_width(s) + (t->kinds[c] == RF_COL_PERCENT && *s);
}

/* Each cell's width is measured once, and each line goes out in one
 * write: a 2,000-row table is 22,000 cells and, written piece by piece,
 * 60,000 calls into stdio. */
static void print_aligned(const struct rf_table *t, FILE *out)
{
	size_t *width = rf_xcalloc(t->ncols, sizeof(*width));
	size_t *cell_width = rf_xcalloc(t->nrows * t->ncols + 1, sizeof(*cell_width));
	struct rf_buf line = RF_BUF_INIT;
	for (size_t c = 0; c < t->ncols; c++) {
		width[c] = rf_display_width(t->names[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t w = cell(t, r, c) ? text_width(t, c, cell(t, r, c)) : 0;
			cell_width[r * t->ncols + c] = w;
			if (w > width[c])
				width[c] = w;
		}
	}
	for (size_t r = 0; r <= t->nrows; r++) {
		rf_buf_reset(&line);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = r == 0 ? t->names[c] : cell(t, r - 1, c);
			if (!s)
				s = "";
			size_t pad = width[c] - (r ? cell_width[(r - 1) * t->ncols + c] : rf_display_width(s));
			int last = c + 1 == t->ncols, right = t->kinds[c] != RF_COL_TEXT;
			const char *sgr = r && t->style ? t->style(t, r - 1, c, t->style_ctx) : NULL;
			if (sgr && *sgr)
				rf_buf_adds(&line, sgr);
			if (right)
				put_spaces(&line, pad);
			put_visible(&line, s);
			if (r && *s && t->kinds[c] == RF_COL_PERCENT)
				rf_buf_addc(&line, '%');
			if (!right && !last)
				put_spaces(&line, pad);
			if (sgr && *sgr)
				rf_buf_adds(&line, "\033[m");
			if (!last)
				rf_buf_add(&line, "  ", 2);
		}
		rf_buf_addc(&line, '\n');
		fwrite(line.buf, 1, line.len, out);
	}
	rf_buf_free(&line);
	free(cell_width);
	free(width);
}

void rf_table_print(const struct rf_table *t, enum rf_format f, FILE *out)
{
	switch (f) {
	case RF_FORMAT_TEXT:
		print_aligned(t, out);
		return;
	case RF_FORMAT_TSV:
	case RF_FORMAT_CSV:
		for (size_t r = 0; r <= t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				const char *s = r == 0 ? t->names[c] : cell(t, r - 1, c);
				if (c)
					fputc(f == RF_FORMAT_TSV ? '\t' : ',', out);
				if (f == RF_FORMAT_TSV)
					rf_tsv_field(out, s ? s : "");
				else
					rf_csv_field(out, s ? s : "");
			}
			fputs(f == RF_FORMAT_CSV ? "\r\n" : "\n", out);
		}
		return;
	case RF_FORMAT_JSON:
		fputc('[', out);
		for (size_t r = 0; r < t->nrows; r++) {
			fputs(r ? ",\n {" : "\n {", out);
			for (size_t c = 0; c < t->ncols; c++) {
				const char *s = cell(t, r, c);
				if (c)
					fputs(", ", out);
				rf_json_string(out, t->names[c]);
				fputs(": ", out);
				if (s && t->kinds[c] == RF_COL_TEXT)
					rf_json_string(out, s);
				else
					fputs(s && json_number(s) ? s : "null", out);
			}
			fputc('}', out);
		}
		fputs(t->nrows ? "\n]\n" : "]\n", out);
		return;
	}
}
