#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A byte that stands for itself in text and in a quoted attribute. */
static int plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
}

void rf_html_text(struct rf_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		/* Runs of plain ASCII at once: most of a page's text. */
		size_t run = 0;
		while (plain(p[run]))
			run++;
		if (run) {
			rf_buf_add(out, p, run);
			p += run;
			continue;
		}
		unsigned long c;
		size_t n = rf_utf8_decode(p, 4, &c);
		if (n > 1) {
			rf_buf_add(out, p, n);
			p += n;
			continue;
		}
		switch (*p) {
		case '&': rf_buf_adds(out, "&amp;"); break;
		case '<': rf_buf_adds(out, "&lt;"); break;
		case '>': rf_buf_adds(out, "&gt;"); break;
		case '"': rf_buf_adds(out, "&quot;"); break;
		case '\'': rf_buf_adds(out, "&#39;"); break;
		case '\t':
		case '\n': rf_buf_addc(out, (char)*p); break;
		default:
			if (!n)
				rf_buf_adds(out, "&#xFFFD;");
			else if (*p < 0x20)
				rf_buf_addf(out, "&#x%X;", 0x2400u + *p);
			else if (*p == 0x7F)
				rf_buf_adds(out, "&#x2421;");
			else
				rf_buf_addc(out, (char)*p);
		}
		p++;
	}
}

void rf_html_elem(struct rf_buf *out, const char *tag, const char *text)
{
	rf_buf_addf(out, "<%s>", tag);
	rf_html_text(out, text);
	rf_buf_addf(out, "</%.*s>", (int)strcspn(tag, " "), tag);
}

void rf_html_addf(struct rf_buf *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			size_t n = strcspn(p, "%");
			rf_buf_add(out, p, n);
			p += n - 1;
			continue;
		}
		if (!*++p)
			break;
		if (*p == 's')
			rf_html_text(out, va_arg(ap, const char *));
		else if (*p == 'd')
			rf_buf_addf(out, "%d", va_arg(ap, int));
		else if (*p == 'u')
			rf_buf_addf(out, "%u", va_arg(ap, unsigned));
		else if (p[0] == 'l' && p[1] == 'd')
			rf_buf_addf(out, "%ld", va_arg(ap, long)), p++;
		else if (p[0] == 'l' && p[1] == 'u')
			rf_buf_addf(out, "%lu", va_arg(ap, unsigned long)), p++;
		else if (p[0] == 'z' && p[1] == 'u')
			rf_buf_addf(out, "%zu", va_arg(ap, size_t)), p++;
		else if (*p == '%')
			rf_buf_addc(out, '%');
		else
			break;	/* rf's own formats only: stop rather than misread the arguments */
	}
	va_end(ap);
}
