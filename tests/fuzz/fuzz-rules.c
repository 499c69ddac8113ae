/* fuzz-rules: the rules.ini and profile.ini parsers.  Any bytes must parse
 * or be refused without a crash or a leak, and a parsed rule set must answer
 * lookups for each of its own rules (rf-score walks them this way), also
 * who they count for under a profile read from the same bytes. */
#include <stdint.h>
#include <string.h>

#include "applies.h"
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
	int have_rules = rf_rules_parse(&r, "rules.ini", (const char *)data, size) == 0;
	int have_profile = rf_profile_parse(&p, "profile.ini", (const char *)data, size) == 0;
	if (have_rules) {
		for (size_t i = 0; i < r.nrules; i++) {
			const struct rf_rule *rule = &r.rules[i];
			RF_FUZZ_ASSERT(rf_rules_find(&r, rule->section, rule->key) != NULL);
			RF_FUZZ_ASSERT(rf_rule_max(&r, rule) >= 0);
			size_t g;
			const struct rf_best_of *b = rf_rules_best_of(&r, rule->section, rule->key, &g);
			RF_FUZZ_ASSERT(!b || g < b->ngroups);
			if (have_profile) {
				int c = rf_applies_rule(&r, &p, rule->section, rule->key);
				RF_FUZZ_ASSERT(c == 0 || c == 1);
				RF_FUZZ_ASSERT(!b || rf_applies_groups(&r, &p, b) <= b->ngroups);
			}
		}
		if (have_profile) {
			struct rf_strv problems = RF_STRV_INIT;
			RF_FUZZ_ASSERT(rf_applies_contradictions(&r, &p, &problems) == problems.n);
			rf_strv_free(&problems);
		}
		rf_rules_free(&r);
	}
	if (have_profile)
		rf_profile_free(&p);
	return 0;
}
