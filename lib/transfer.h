/* transfer.h: fetch, push and clone through libgit2, with credentials and
 * host keys from lib/cred.h.  A failure is reported as one line naming the
 * remote and the reason in words a traveller can act on ("cannot connect
 * to host: connection refused", "no repository at /media/usb/notes.git"),
 * followed by the caller's tail (what it means for the notes). */
#ifndef RF_TRANSFER_H
#define RF_TRANSFER_H

#include <git2.h>

#include "cred.h"
#include "remote.h"

/* Fetch from r: a named remote's refs as its refspecs say (its tracking
 * branches updated, as git fetch does), only r->merge for a URL.  *tip is
 * the remote branch's commit, *found 0 when the remote has no such branch
 * (an empty repository). */
int rf_transfer_fetch(struct rf_remote *r, struct rf_cred *c, const char *tail, git_oid *tip, int *found);

/* Push r->branch to r->merge.  When the remote refused because its branch
 * is not an ancestor of ours any more (someone pushed since the fetch),
 * *moved is set and nothing reported (-1); other failures are reported. */
int rf_transfer_push(struct rf_remote *r, struct rf_cred *c, const char *tail, int *moved);

/* Clone url (user and password from it, or NULL) into path, which must
 * not exist or be empty, checking out the branch the remote's HEAD names
 * (tracking origin, as git clone leaves it; HEAD stays unborn when it names
 * none the remote has).  Caller frees *out
 * with git_repository_free. */
int rf_transfer_clone(const char *url, const char *shown, const char *user, const char *password,
		      const char *path, git_repository **out);

/* The reason a transfer with url failed, in words (one line; caller
 * frees): code and message are libgit2's error, why what lib/cred.h found
 * (NULL: nothing). */
char *rf_transfer_reason(const char *url, int code, const char *message, const char *why);

#endif
