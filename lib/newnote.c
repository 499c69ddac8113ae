#include "newnote.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"

int rf_newnote_load(struct rf_newnote *nn, const char *path)
{
	struct rf_when now;
	memset(nn, 0, sizeof(*nn));
	char *p = path ? rf_xstrdup(path) : rf_share_path("program.ini");
	int r = -1;
	if (p && rf_template_load(&nn->t, p) == 0 && rf_read_file(p, &nn->text) == 0 && rf_date_now(&now) == 0) {
		rf_date_ymd(&now, nn->today);
		r = 0;
	}
	free(p);
	return r;
}

void rf_newnote_free(struct rf_newnote *nn)
{
	rf_template_free(&nn->t);
	rf_buf_free(&nn->text);
}

int rf_newnote_text(const struct rf_newnote *nn, const char *label, const char *name,
		    const struct rf_edit_kv *more, size_t n, struct rf_buf *out)
{
	struct rf_edit_kv *kv = rf_xcalloc(n + 2, sizeof(*kv));
	kv[0] = (struct rf_edit_kv){ "program", "name", name };
	kv[1] = (struct rf_edit_kv){ "program", "created", nn->today };
	for (size_t i = 0; i < n; i++)
		kv[i + 2] = more[i];
	int r = rf_edit_set_many(label, nn->text.buf ? nn->text.buf : "", nn->text.len, kv, n + 2, out);
	free(kv);
	return r;
}
