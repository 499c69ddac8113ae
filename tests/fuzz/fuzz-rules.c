/* fuzz-rules: the rules.ini and profile.ini parsers.  Any bytes must parse
 * or be refused without a crash or a leak, and a parsed rule set must answer
 * lookups for each of its own rules (rf-score walks them this way). */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "rules.h"

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
	struct rf_rules r;
	struct rf_profile p;
	if (rf_rules_parse(&r, "rules.ini", (const char *)data, size) == 0) {
		for (size_t i = 0; i < r.nrules; i++) {
			const struct rf_rule *rule = &r.rules[i];
			RF_FUZZ_ASSERT(rf_rules_find(&r, rule->section, rule->key) != NULL);
			RF_FUZZ_ASSERT(rf_rule_max(&r, rule) >= 0);
		}
		rf_rules_free(&r);
	}
	if (rf_profile_parse(&p, "profile.ini", (const char *)data, size) == 0)
		rf_profile_free(&p);
	return 0;
}
