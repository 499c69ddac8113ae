#include "init.h"

#include <stdlib.h>

#include "gitdiff.h"
#include "notesdir.h"
#include "record.h"
#include "store.h"
#include "template.h"

int rf_init_notes(const char *path, int *created)
{
	struct rf_notesdir nd;
	struct rf_store st;
	struct rf_buf profile = RF_BUF_INIT, existing = RF_BUF_INIT;
	int repo_created, missing, committed = 0, r = -1;
	char *template = NULL;

	*created = 0;
	if (rf_notesdir_create(&nd, path) < 0)
		return -1;
	if (rf_store_init(path, &repo_created) < 0)
		goto out_nd;
	if (rf_store_open(&st, path, RF_STORE_WRITE) < 0)
		goto out_nd;
	if (rf_notesdir_read(&nd, "profile.ini", &existing, &missing) < 0)
		goto out;
	if (missing) {
		template = rf_share_path("profile.ini");
		if (!template || rf_read_file(template, &profile) < 0)
			goto out;
		if (rf_record_text(&st, &nd, "init", "profile.ini", profile.buf, profile.len, 1, &committed) < 0)
			goto out;
	}
	/* Plain git log -p shows per-key changes too (rf-diff --textconv). */
	if (rf_gitdiff_setup(&st) < 0)
		goto out;
	*created = repo_created || committed;
	r = 0;
out:
	rf_store_close(&st);
out_nd:
	rf_notesdir_close(&nd);
	rf_buf_free(&profile);
	rf_buf_free(&existing);
	free(template);
	return r;
}
