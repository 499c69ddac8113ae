/* util.h: error reporting, growable strings and small string helpers.
 *
 * Library functions report a failure once, where the context is known, with
 * rf_error() (which returns -1 so callers write `return rf_error(...)`), and
 * their callers only pass the -1 on.  Messages start with the program name
 * taken from argv[0] by the C library, so rf-set says "rf-set: ...". */
#ifndef RF_UTIL_H
#define RF_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/stat.h>

/* Print "prog: message" on stderr; return -1. */
int rf_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Same, with ": strerror(errno)" appended. */
int rf_error_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "prog: warning: message" on stderr. */
void rf_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "prog: message" on stderr: news that is not a problem. */
void rf_inform(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Short name of the running program ("rf-set"). */
const char *rf_progname(void);

/* Allocation that aborts with a message on exhaustion: an rf command cannot
 * do anything useful without memory, and half-handled ENOMEM paths are where
 * notes get damaged. */
void *rf_xmalloc(size_t n);
void *rf_xcalloc(size_t n, size_t size);
void *rf_xrealloc(void *p, size_t n);
char *rf_xstrdup(const char *s);
char *rf_xstrndup(const char *s, size_t n);
char *rf_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte string, always NUL-terminated; the owner frees buf. */
struct rf_buf {
	char *buf;
	size_t len, cap;
};
#define RF_BUF_INIT { NULL, 0, 0 }
void rf_buf_add(struct rf_buf *b, const void *data, size_t n);
void rf_buf_adds(struct rf_buf *b, const char *s);
void rf_buf_addc(struct rf_buf *b, char c);
void rf_buf_addf(struct rf_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rf_buf_reset(struct rf_buf *b);
void rf_buf_free(struct rf_buf *b);
/* Hand the string to the caller (never NULL); b is empty afterwards. */
char *rf_buf_detach(struct rf_buf *b);

/* Append s with control characters written as \t, \n, \r or \xHH, so that
 * user input quoted in a message cannot break it into lines. */
void rf_escape_controls(struct rf_buf *out, const char *s);

/* Append s as a shell reads it back: as is when it holds only letters,
 * digits and -_./:=@+,%, else in single quotes ("it's" becomes 'it'\''s'),
 * for command lines that messages suggest. */
void rf_shell_quote(struct rf_buf *out, const char *s);

/* A growable array of owned strings. */
struct rf_strv {
	char **v;
	size_t n, cap;
};
#define RF_STRV_INIT { NULL, 0, 0 }
void rf_strv_push(struct rf_strv *sv, char *owned);
void rf_strv_free(struct rf_strv *sv);
void rf_strv_sort(struct rf_strv *sv);
int rf_strv_contains(const struct rf_strv *sv, const char *s);

/* Read all of fd into out (replacing its contents).  errno is set on -1;
 * nothing is reported. */
int rf_read_fd(int fd, struct rf_buf *out);
/* 1 when two fstat results of a file say its bytes cannot have changed in
 * between: the same file, size, and change and modification times (what
 * git trusts its index by). */
int rf_same_file_state(const struct stat *a, const struct stat *b);
/* The code point of the UTF-8 sequence at s, of at most len bytes (in a C
 * string the NUL ends a sequence early, as any byte but a continuation
 * does).  Returns its length, or 0 for what is not UTF-8: a stray or
 * missing continuation byte, an overlong form, a surrogate, above U+10FFFF.
 * By hand rather than with mbrtowc, so that slugs, widths and escaping do
 * not depend on the locale (rf commands run in the C locale unless told
 * otherwise). */
size_t rf_utf8_decode(const unsigned char *s, size_t len, unsigned long *cp);
/* The decimal digits of v and a NUL at buf (at least 21 bytes); returns
 * their number.  For numbers a page prints by the thousand, where printf's
 * parsing of its format is most of the cost. */
size_t rf_fmt_ulong(char *buf, unsigned long v);
/* Write all of data to fd, again after EINTR or a short write.  errno is
 * set on -1 (EIO for a write that wrote nothing); nothing is reported. */
int rf_write_all(int fd, const void *data, size_t len);
/* Read a regular file (symbolic links followed: for shipped files and
 * user-named paths, never for notes).  Reports and returns -1. */
int rf_read_file(const char *path, struct rf_buf *out);

/* Strip ASCII whitespace at both ends, in place; returns s. */
char *rf_strstrip(char *s);
/* Lowercase ASCII letters in place; returns s. */
char *rf_strlower(char *s);
int rf_str_endswith(const char *s, const char *suffix);
/* Parse a whole string as a decimal number (strtod, nothing left over,
 * finite); returns 0 on success. */
int rf_parse_number(const char *s, double *out);
/* Parse a whole string as a non-negative int; returns 0 on success. */
int rf_parse_uint(const char *s, unsigned *out);
/* Edit distance (insertions, deletions, substitutions and swaps of two
 * neighbours each count 1), for "did you mean" hints. */
size_t rf_edit_distance(const char *a, const char *b);
/* The n bytes at s with each "%XX" (two hex digits) turned into its byte,
 * as URLs and git's credential store write names; a '%' not followed by
 * two hex digits stays.  Caller frees. */
char *rf_pct_decode(const char *s, size_t n);

#endif
