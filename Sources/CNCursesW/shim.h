#ifndef WAYMARK_CNCURSESW_SHIM_H
#define WAYMARK_CNCURSESW_SHIM_H
// SwiftPM drops the -D_XOPEN_SOURCE flags from ncursesw.pc, which hides the
// wide-character API; ask for it explicitly before the header is read.
#define NCURSES_WIDECHAR 1
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 refuses to read these mutable C globals and cannot import the
// function-like macros, so expose them as inline accessors.
static inline WINDOW *waymark_stdscr(void) { return stdscr; }
static inline WINDOW *waymark_curscr(void) { return curscr; }
static inline int waymark_lines(void) { return LINES; }
static inline int waymark_cols(void) { return COLS; }
static inline int waymark_colors(void) { return COLORS; }
static inline int waymark_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t waymark_a_bold(void) { return A_BOLD; }
static inline attr_t waymark_a_reverse(void) { return A_REVERSE; }
static inline attr_t waymark_a_underline(void) { return A_UNDERLINE; }
static inline attr_t waymark_a_dim(void) { return A_DIM; }
static inline attr_t waymark_a_normal(void) { return A_NORMAL; }
static inline attr_t waymark_color_pair(short n) { return COLOR_PAIR(n); }
static inline int waymark_key_resize(void) { return KEY_RESIZE; }
static inline int waymark_key_f(int n) { return KEY_F(n); }
static inline mmask_t waymark_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t waymark_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t waymark_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t waymark_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t waymark_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t waymark_button1_triple_clicked(void) { return BUTTON1_TRIPLE_CLICKED; }
static inline mmask_t waymark_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t waymark_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline FILE *waymark_stdout(void) { return stdout; }
static inline FILE *waymark_stdin(void) { return stdin; }

// glibc declares wcwidth only under _XOPEN_SOURCE, which the Glibc module is not
// built with; a compatible redeclaration lets the terminal ask how wide the C
// library (and so ncurses) thinks a character is.
extern int wcwidth(wchar_t c);
static inline int waymark_wcwidth(wchar_t c) { return wcwidth(c); }
static inline int waymark_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// ---------------------------------------------------------------------------
// Process-wide terminal state, as htop's CRT.c keeps it: signal flags, whether
// curses owns the terminal, and the handlers that were in place before.
//
// Weak definitions, not `static`: every Swift file that includes this header
// gets its own copy of a `static`, and a flag set by a handler installed from
// one file would never be seen by another. The linker merges weak definitions
// into one. Each has an initializer: a tentative definition is never emitted
// when Swift compiles the header, and the weak symbol would then be address 0.
__attribute__((weak)) volatile sig_atomic_t waymark_termination_signal = 0;
__attribute__((weak)) volatile sig_atomic_t waymark_curses_active = 0;
__attribute__((weak)) int waymark_exit_hook_registered = 0;
__attribute__((weak)) int waymark_handlers_installed = 0;
__attribute__((weak)) struct sigaction waymark_saved_actions[9] = {[0] = {.sa_flags = 0}};

// Slots 0-2 ask the program to end; slots 3-8 are crashes.
static inline int waymark_handled_signal(int slot) {
    switch (slot) {
    case 0: return SIGTERM;
    case 1: return SIGHUP;
    case 2: return SIGINT;
    case 3: return SIGSEGV;
    case 4: return SIGBUS;
    case 5: return SIGILL;
    case 6: return SIGFPE;
    case 7: return SIGABRT;
    case 8: return SIGTRAP;
    default: return 0;
    }
}

static inline int waymark_signal_slot(int sig) {
    for (int slot = 0; slot < 9; slot++) {
        if (waymark_handled_signal(slot) == sig) return slot;
    }
    return -1;
}

// The program polls the flag between keys and quits cleanly itself.
static void waymark_on_termination(int sig) { waymark_termination_signal = sig; }

// Gives the terminal back before a crash report is printed, then lets the
// handler that was there before (the Swift backtracer, or the default action)
// deal with the signal. endwin is not async-signal-safe; the process is dying
// anyway, and a shell left in raw mode is worse (htop does the same).
static void waymark_on_crash(int sig, siginfo_t *info, void *context) {
    (void)context;
    if (waymark_curses_active) {
        waymark_curses_active = 0;
        endwin();
    }
    int slot = waymark_signal_slot(sig);
    if (slot >= 0) sigaction(sig, &waymark_saved_actions[slot], NULL);
    // A fault raised by an instruction happens again on return and reaches the
    // previous handler; a signal sent by kill, raise or abort must be sent again.
    if (info == NULL || info->si_code <= 0) raise(sig);
}

// Installed before newterm, so ncurses (which only catches SIGINT and SIGTERM
// when they are at their default) leaves them to us.
static inline void waymark_install_signal_handlers(void) {
    if (waymark_handlers_installed) return;
    waymark_termination_signal = 0;

    struct sigaction termination;
    memset(&termination, 0, sizeof termination);
    sigemptyset(&termination.sa_mask);
    termination.sa_handler = waymark_on_termination;
    termination.sa_flags = 0; // no SA_RESTART: a waiting get_wch returns, and the flag is seen
    for (int slot = 0; slot < 3; slot++) {
        sigaction(waymark_handled_signal(slot), &termination, &waymark_saved_actions[slot]);
    }

    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    sigemptyset(&crash.sa_mask);
    crash.sa_sigaction = waymark_on_crash;
    crash.sa_flags = SA_SIGINFO | SA_ONSTACK;
    for (int slot = 3; slot < 9; slot++) {
        sigaction(waymark_handled_signal(slot), &crash, &waymark_saved_actions[slot]);
    }
    waymark_handlers_installed = 1;
}

static inline void waymark_restore_signal_handlers(void) {
    if (!waymark_handlers_installed) return;
    for (int slot = 0; slot < 9; slot++) {
        sigaction(waymark_handled_signal(slot), &waymark_saved_actions[slot], NULL);
    }
    waymark_handlers_installed = 0;
}

static inline int waymark_termination_requested(void) { return waymark_termination_signal != 0; }

// Runs at exit(): if curses still owns the terminal, give it back.
static void waymark_exit_hook(void) {
    if (waymark_curses_active) {
        waymark_curses_active = 0;
        endwin();
    }
}

static inline void waymark_set_curses_active(int active) {
    if (active && !waymark_exit_hook_registered) {
        waymark_exit_hook_registered = 1;
        atexit(waymark_exit_hook);
    }
    waymark_curses_active = active ? 1 : 0;
}

static inline int waymark_is_curses_active(void) { return waymark_curses_active; }
#endif
