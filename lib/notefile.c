#include "notefile.h"

#include <stdlib.h>
#include <string.h>

#include "slug.h"
#include "util.h"

#define SUFFIX ".ini"
#define SUFFIX_LEN (sizeof(SUFFIX) - 1)

int rf_notefile_is_note(const char *name)
{
	return !strchr(name, '/') && strlen(name) > SUFFIX_LEN && rf_str_endswith(name, SUFFIX) &&
	       strcmp(name, RF_NOTEFILE_PROFILE) != 0 && strcmp(name, RF_NOTEFILE_RULES) != 0;
}

int rf_notefile_is_recorded(const char *name)
{
	return rf_notefile_is_note(name) || !strcmp(name, RF_NOTEFILE_PROFILE) || !strcmp(name, RF_NOTEFILE_RULES) ||
	       !strcmp(name, RF_NOTEFILE_RANKS);
}

char *rf_notefile_valid_slug(const char *name)
{
	if (!rf_notefile_is_note(name))
		return NULL;
	char *slug = rf_notefile_slug(name);
	if (!rf_slug_valid(slug)) {
		free(slug);
		return NULL;
	}
	return slug;
}

char *rf_notefile_slug(const char *file)
{
	size_t n = strlen(file);
	return rf_str_endswith(file, SUFFIX) ? rf_xstrndup(file, n - SUFFIX_LEN) : rf_xstrdup(file);
}

char *rf_notefile_name(const char *slug)
{
	return rf_xasprintf("%s" SUFFIX, slug);
}
