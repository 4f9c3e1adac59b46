#ifndef WAYMARK_CRT_H
#define WAYMARK_CRT_H
// The terminal's process-wide state, as htop keeps it in CRT.c: signal flags, whether
// curses owns the terminal, the handlers that were there before, and what a dying
// process must write to give the terminal back. One definition of each, in crt.c.
#include <signal.h>

// Checks, before anything is written, that TERM names a terminal that can draw a screen.
// Returns 1 when it can (cursor addressing and clear), 0 when terminfo knows it but it
// cannot (dumb, a printing terminal), -1 when terminfo has no entry for it.
int waymark_crt_terminal_usable(const char *term);

// Installed before newterm, so ncurses (which only catches SIGINT and SIGTERM when they
// are at their default) leaves them to us. `terminal_fd` is the terminal whose modes a
// dying process puts back (its termios is saved now, before curses changes it).
void waymark_crt_install(int terminal_fd);
// Puts the previous handlers back.
void waymark_crt_uninstall(void);

// After newterm: remembers the terminfo strings that leave the alternate screen and
// keypad mode and show the cursor, so a signal handler can write them without curses.
void waymark_crt_capture_restore_strings(void);

// Whether curses owns the terminal; set after newterm, cleared after endwin.
void waymark_crt_set_curses_active(int active);
int waymark_crt_is_curses_active(void);

// Nonzero once SIGTERM, SIGHUP or SIGINT asked the program to end.
int waymark_crt_termination_requested(void);
int waymark_crt_termination_signal(void);

// Ctrl-Z: gives the terminal back, stops the process as the shell's job control expects,
// and returns once it is continued (fg); the caller then redraws everything.
void waymark_crt_suspend(void);

// For tests: the signals that restore the terminal and then end the process.
int waymark_crt_fatal_signal_count(void);
int waymark_crt_fatal_signal(int index);
#endif
