/* slug.h: turning program names into safe file names. */
#ifndef RF_SLUG_H
#define RF_SLUG_H

#include <stddef.h>

#define RF_SLUG_MAX 64

/* Make the slug of a program name: ASCII lowercase letters, digits and
 * single '-', letters of other scripts transliterated where the C library
 * can ("é" -> "e", "Москва" -> "moskva"), letters it cannot spell (Arabic,
 * CJK, Devanagari) and apostrophes dropped, everything else a separator, at
 * most RF_SLUG_MAX bytes.  Returns a new string (caller frees), or NULL after
 * reporting why the name cannot be used (nothing left, '/', control
 * characters, invalid UTF-8, reserved); a name of letters rf cannot spell is
 * told how to choose a slug. */
char *rf_slug_from_name(const char *name);

/* The slug rf_slug_from_name makes, or NULL; reports nothing (for hints). */
char *rf_slug_guess(const char *name);

/* 1 when s is already a valid slug, else 0. */
int rf_slug_valid(const char *s);

/* Check a program argument before it is looked up: it must not be able to
 * name anything outside the notes directory.  Reports and returns -1. */
int rf_slug_check_arg(const char *arg);

#endif
