/* editor.h: running the user's editor on a note, as git does. */
#ifndef RF_EDITOR_H
#define RF_EDITOR_H

/* Run $VISUAL, else $EDITOR, else vi on path through /bin/sh, so editors
 * with arguments ("code --wait") work.  Reports and returns -1 when the
 * editor cannot start or exits with a failure. */
int rf_editor_run(const char *path);

#endif
