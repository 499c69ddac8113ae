#include "note.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util.h"

/* iniparser prints its own messages to stderr; rf reports problems itself
 * with line numbers from the scanner, so iniparser is kept quiet. */
static int ini_silent(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

dictionary *rf_ini_load_buffer(const char *text, size_t len)
{
	int fd = memfd_create("rf-note", MFD_CLOEXEC);
	if (fd < 0) {
		rf_error_errno("memfd_create");
		return NULL;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			rf_error_errno("memfd write");
			close(fd);
			return NULL;
		}
		off += (size_t)w;
	}
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	iniparser_set_error_callback(ini_silent);
	dictionary *d = iniparser_load(path);
	close(fd);
	return d;
}

int rf_note_parse(struct rf_note *out, const char *label, const char *text, size_t len, int report)
{
	memset(out, 0, sizeof(*out));
	out->label = rf_xstrdup(label);
	out->text = rf_xmalloc(len + 1);
	if (len)
		memcpy(out->text, text, len);
	out->text[len] = '\0';
	out->len = len;
	rf_ini_scan(out->text, len, &out->ini);
	if (!rf_ini_first_error(&out->ini))
		out->dict = rf_ini_load_buffer(out->text, len);
	if (!out->dict)
		return report ? rf_note_report(out) : -1;
	return 0;
}

int rf_note_report(const struct rf_note *note)
{
	const struct rf_line *bad = rf_ini_first_error(&note->ini);
	if (bad) {
		char *problem = rf_ini_problem(&note->ini, bad);
		int r = rf_error("%s:%u: %s", note->label, bad->lineno, problem);
		free(problem);
		return r;
	}
	return rf_error("%s: iniparser cannot read this file", note->label);
}

void rf_note_free(struct rf_note *note)
{
	free(note->label);
	free(note->text);
	rf_ini_free(&note->ini);
	if (note->dict)
		iniparser_freedict(note->dict);
	memset(note, 0, sizeof(*note));
}

const char *rf_note_get(const struct rf_note *note, const char *section, const char *key)
{
	if (!note->dict)
		return NULL;
	char *full = rf_xasprintf("%s:%s", section, key);
	/* getstring, not getint & co.: CVE-2023-33461 is unpatched in 4.1. */
	const char *v = iniparser_getstring(note->dict, full, NULL);
	free(full);
	return v;
}

static int valid_name_part(const char *s, const char *forbidden)
{
	if (!*s || s[0] == ' ' || s[strlen(s) - 1] == ' ')
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || strchr(forbidden, *p))
			return 0;
	return 1;
}

int rf_note_split_key(const char *name, char **section, char **key)
{
	const char *dot = strchr(name, '.');
	if (!dot || dot == name || !dot[1])
		return rf_error("'%s': expected section.key, e.g. visa.h1b", name);
	char *s = rf_strlower(rf_xstrndup(name, (size_t)(dot - name)));
	char *k = rf_strlower(rf_xstrdup(dot + 1));
	/* What iniparser could not read back as the same section and key. */
	if (!valid_name_part(s, "[]:=;#\"'") || !valid_name_part(k, "[]:=;#")) {
		free(s);
		free(k);
		return rf_error("'%s': a section or key name cannot hold '[', ']', ':', '=', ';', '#', "
				"control characters or surrounding spaces", name);
	}
	*section = s;
	*key = k;
	return 0;
}
