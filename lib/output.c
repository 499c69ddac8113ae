#include "output.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int rf_format_parse(const char *s, const char *const *allowed, enum rf_format *out)
{
	static const char *const names[] = { "table", "tsv", "csv", "json" };
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

void rf_table_add(struct rf_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->cells = rf_xrealloc(t->cells, t->cap * t->ncols * sizeof(*t->cells));
	}
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = cells[i] ? rf_xstrdup(cells[i]) : NULL;
	t->nrows++;
}

void rf_table_free(struct rf_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->names[i]);
	free(t->cells);
	free(t->names);
	free(t->kinds);
	memset(t, 0, sizeof(*t));
}

size_t rf_display_width(const char *s)
{
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	size_t w = 0, len = strlen(s);
	while (len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&st, 0, sizeof(st));
			w++;
			s++;
			len--;
			continue;
		}
		if (n == 0)
			break;
		int cw = wcwidth(wc);
		w += cw < 0 ? 1 : (size_t)cw;
		s += n;
		len -= n;
	}
	return w;
}

void rf_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
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
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

void rf_csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
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

static void print_aligned(const struct rf_table *t, FILE *out)
{
	size_t *width = rf_xcalloc(t->ncols, sizeof(*width));
	for (size_t c = 0; c < t->ncols; c++) {
		width[c] = rf_display_width(t->names[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t w = cell(t, r, c) ? rf_display_width(cell(t, r, c)) : 0;
			if (w > width[c])
				width[c] = w;
		}
	}
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = r == 0 ? t->names[c] : cell(t, r - 1, c);
			if (!s)
				s = "";
			size_t pad = width[c] - rf_display_width(s);
			int last = c + 1 == t->ncols;
			if (t->kinds[c] == RF_COL_NUMBER)
				fprintf(out, "%*s%s", (int)pad, "", s);
			else
				fprintf(out, "%s%*s", s, last ? 0 : (int)pad, "");
			if (!last)
				fputs("  ", out);
		}
		fputc('\n', out);
	}
	free(width);
}

void rf_table_print(const struct rf_table *t, enum rf_format f, FILE *out)
{
	switch (f) {
	case RF_FORMAT_TABLE:
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
				double num;
				if (c)
					fputs(", ", out);
				rf_json_string(out, t->names[c]);
				fputs(": ", out);
				if (!s)
					fputs("null", out);
				else if (t->kinds[c] == RF_COL_NUMBER && rf_parse_number(s, &num) == 0)
					fputs(s, out);
				else
					rf_json_string(out, s);
			}
			fputc('}', out);
		}
		fputs(t->nrows ? "\n]\n" : "]\n", out);
		return;
	}
}
