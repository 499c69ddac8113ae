/* tty.h: asking the person at the terminal, as ssh and git do: the prompt
 * and the answer go through the controlling terminal (/dev/tty), never
 * stdin or stdout, so a passphrase can be asked while rf's output is piped;
 * a secret is read with echo off, and a signal during the question (Ctrl-C)
 * restores the terminal before the process dies of it. */
#ifndef RF_TTY_H
#define RF_TTY_H

#include "util.h"

/* Ask prompt on the controlling terminal and read one line into answer
 * (replacing it, without its newline).  echo 0 reads a secret: nothing
 * typed is shown.  Returns 1 when answered, 0 when there is no terminal
 * or the input ended (Ctrl-D) before an answer (nothing reported), -1
 * after reporting an error. */
int rf_tty_ask(const char *prompt, int echo, struct rf_buf *answer);

/* The same on the terminal open at fd (for tests: one side of a pty). */
int rf_tty_ask_fd(int fd, const char *prompt, int echo, struct rf_buf *answer);

/* Overwrite a secret's bytes before freeing it. */
void rf_tty_wipe(struct rf_buf *secret);

#endif
