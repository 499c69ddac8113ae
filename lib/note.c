#include "note.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* iniparser 4.1's line size (ASCIILINESZ): the longest name it looks up. */
#define INIPARSER_LINE 1024

/* iniparser prints its own messages to stderr; rf reports problems itself
 * with line numbers from the scanner, so iniparser is kept quiet. */
static int ini_silent(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;

static void quiet(void)
{
	iniparser_set_error_callback(ini_silent);
}

/* iniparser's reading of the file open as fd, through its /proc path (a
 * new open file description: fd's offset does not matter).  Notes are
 * parsed on several threads at once: iniparser's one global, its error
 * callback, is set once. */
static dictionary *load_fd(int fd)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	pthread_once(&quiet_once, quiet);
	return iniparser_load(path);
}

dictionary *rf_ini_load_buffer(const char *text, size_t len)
{
	int fd = memfd_create("rf-note", MFD_CLOEXEC);
	if (fd < 0) {
		rf_error_errno("memfd_create");
		return NULL;
	}
	if (rf_write_all(fd, text, len) < 0) {
		rf_error_errno("memfd write");
		close(fd);
		return NULL;
	}
	dictionary *d = load_fd(fd);
	close(fd);
	return d;
}

/* iniparser finds a key by comparing it with each entry in turn, and
 * scoring asks for every rule's: a table over the dictionary's own hashes
 * finds the same entry at once.  Its keys are unique (a key read twice
 * keeps its last value in one entry). */
static void index_dict(struct rf_note *note)
{
	const dictionary *d = note->dict;
	size_t cap = 16;
	while (cap < 2 * (size_t)d->n)
		cap *= 2;
	note->slots = rf_xmalloc(cap * sizeof(*note->slots));
	for (size_t j = 0; j < cap; j++)
		note->slots[j] = -1;
	for (int i = 0; i < d->n; i++) {
		if (!d->key[i])
			continue;
		size_t j = d->hash[i] & (cap - 1);
		while (note->slots[j] >= 0)
			j = (j + 1) & (cap - 1);
		note->slots[j] = i;
	}
	note->nslots = cap;
}

int rf_note_parse_file(struct rf_note *out, const char *label, const char *text, size_t len, int fd,
		       const struct stat *read_at, int report)
{
	memset(out, 0, sizeof(*out));
	out->label = rf_xstrdup(label);
	out->text = rf_xmalloc(len + 1);
	if (len)
		memcpy(out->text, text, len);
	out->text[len] = '\0';
	out->len = len;
	rf_ini_scan(out->text, len, &out->ini);
	if (!rf_ini_first_error(&out->ini)) {
		struct stat now;
		/* The file iniparser reads must be the bytes the scanner saw:
		 * rewritten in place meanwhile, the text goes through a memfd. */
		if (fd >= 0 && read_at && fstat(fd, &now) == 0 && rf_same_file_state(read_at, &now) &&
		    (size_t)now.st_size == len) {
			out->dict = load_fd(fd);
			if (out->dict && (fstat(fd, &now) < 0 || !rf_same_file_state(read_at, &now))) {
				iniparser_freedict(out->dict);
				out->dict = NULL;
				fd = -1;
			}
		} else {
			fd = -1;
		}
		if (fd < 0)
			out->dict = rf_ini_load_buffer(out->text, len);
	}
	if (!out->dict)
		return report ? rf_note_report(out) : -1;
	index_dict(out);
	return 0;
}

int rf_note_parse(struct rf_note *out, const char *label, const char *text, size_t len, int report)
{
	return rf_note_parse_file(out, label, text, len, -1, NULL, report);
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
	free(note->slots);
	memset(note, 0, sizeof(*note));
}

/* The entry of dict named lc (lowered) whose hash is h. */
static const char *find(const struct rf_note *note, const char *lc, unsigned h)
{
	const dictionary *d = note->dict;
	for (size_t j = h & (note->nslots - 1); note->slots[j] >= 0; j = (j + 1) & (note->nslots - 1)) {
		int i = note->slots[j];
		if (d->hash[i] == h && !strcmp(d->key[i], lc))
			return d->val[i];
	}
	return NULL;
}

/* "section:key" lowered as iniparser lowers what it reads and what it is
 * asked, into lc of INIPARSER_LINE + 1 bytes; 0 when that is longer than
 * iniparser's line, whose answer iniparser_getstring then gives. */
static int lowered(const char *section, const char *key, char *lc)
{
	size_t sl = strlen(section), kl = strlen(key);
	if (sl + kl + 1 > INIPARSER_LINE)
		return 0;
	for (size_t i = 0; i < sl; i++)
		lc[i] = (char)tolower((unsigned char)section[i]);
	lc[sl] = ':';
	for (size_t i = 0; i < kl; i++)
		lc[sl + 1 + i] = (char)tolower((unsigned char)key[i]);
	lc[sl + 1 + kl] = '\0';
	return 1;
}

/* getstring, not getint & co.: CVE-2023-33461 is unpatched in 4.1. */
static const char *get_long(const struct rf_note *note, const char *section, const char *key)
{
	char *full = rf_xasprintf("%s:%s", section, key);
	const char *v = iniparser_getstring(note->dict, full, NULL);
	free(full);
	return v;
}

const char *rf_note_get(const struct rf_note *note, const char *section, const char *key)
{
	char lc[INIPARSER_LINE + 1];
	if (!note->dict)
		return NULL;
	if (!lowered(section, key, lc))
		return get_long(note, section, key);
	return find(note, lc, dictionary_hash(lc));
}

void rf_note_key_init(struct rf_note_key *k, const char *section, const char *key)
{
	char lc[INIPARSER_LINE + 1];
	if (lowered(section, key, lc)) {
		k->name = rf_xstrdup(lc);
		k->hash = dictionary_hash(lc);
	} else {
		k->name = rf_xasprintf("%s:%s", section, key);
		k->hash = 0;
	}
}

void rf_note_key_free(struct rf_note_key *k)
{
	free(k->name);
	k->name = NULL;
}

const char *rf_note_get_key(const struct rf_note *note, const struct rf_note_key *k)
{
	if (!note->dict)
		return NULL;
	if (strlen(k->name) > INIPARSER_LINE)
		return iniparser_getstring(note->dict, k->name, NULL);
	return find(note, k->name, k->hash);
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
