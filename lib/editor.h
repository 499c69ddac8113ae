/* editor.h: running the user's editor on a note, as git does. */
#ifndef RF_EDITOR_H
#define RF_EDITOR_H

/* Run $VISUAL, else $EDITOR, else vi on path.  A bare command name is run
 * directly; anything with spaces or shell syntax ("code --wait") goes through
 * /bin/sh with the path as "$1", as git does.  When the editor cannot start
 * or fails, reports one line ending with aftermath (what became of the note,
 * "nothing committed") and returns -1. */
int rf_editor_run(const char *path, const char *aftermath);

#endif
