/* fuzz-note: the note loader.  Any bytes must load without a crash or a
 * leak, and the line scanner must agree with iniparser: a note the scanner
 * passes loads in iniparser, and every key's last value in the scanner's map
 * is the value iniparser returns (rf edits and reports by the scanner, and
 * scores by iniparser: a disagreement would edit the wrong line). */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "note.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rf_fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rf_note note;
	int r = rf_note_parse(&note, "fuzz.ini", (const char *)data, size, 1);
	const struct rf_line *bad = rf_ini_first_error(&note.ini);
	if (!bad) {
		/* The scanner found no error: iniparser must read the file. */
		RF_FUZZ_ASSERT(r == 0 && note.dict);
		for (size_t i = 0; i < note.ini.n; i++) {
			const struct rf_line *l = &note.ini.lines[i];
			RF_FUZZ_ASSERT(l->start <= l->eol && l->eol <= l->end && l->end <= size);
			if (l->kind != RF_LINE_VALUE || rf_ini_find(&note.ini, l->section, l->key) != l)
				continue;
			const char *got = rf_note_get(&note, l->section, l->key);
			RF_FUZZ_ASSERT(got && strcmp(got, l->value) == 0);
		}
	} else {
		RF_FUZZ_ASSERT(r == -1 && !note.dict);
	}
	rf_note_free(&note);
	return 0;
}
