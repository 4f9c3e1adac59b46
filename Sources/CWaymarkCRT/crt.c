// See crt.h. Everything a signal handler touches is a plain static here, and the
// handlers call only async-signal-safe functions (write, tcsetattr, sigaction, raise).
#define _GNU_SOURCE
#define NCURSES_WIDECHAR 1
#include "crt.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static volatile sig_atomic_t termination_signal = 0;
static volatile sig_atomic_t curses_active = 0;
static int exit_hook_registered = 0;
static int handlers_installed = 0;

static int terminal_fd = -1;
static struct termios saved_termios;
static int termios_saved = 0;

// rmkx, rmcup, cnorm and sgr0 together, as terminfo spells them for this terminal.
enum { RESTORE_MAX = 256 };
static char restore_bytes[RESTORE_MAX];
static size_t restore_length = 0;

// Ask the program to end: it polls the flag between keys and quits cleanly itself.
static const int termination_signals[] = {SIGTERM, SIGHUP, SIGINT};
// Crashes: the terminal is given back, then the handler that was there before (the Swift
// backtracer) writes its report on a normal screen.
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
// Default action "terminate" or "core": the terminal is given back, then the signal is
// raised again with its default action.
static const int fatal_signals[] = {SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
enum { HANDLED_MAX = 3 + 6 + 9 };
static int handled[HANDLED_MAX];
static struct sigaction saved_actions[HANDLED_MAX];
static int handled_count = 0;

static int saved_slot(int sig) {
    for (int i = 0; i < handled_count; i++) if (handled[i] == sig) return i;
    return -1;
}

// Async-signal-safe: no curses, no stdio, no allocation.
static void restore_terminal_now(void) {
    if (!curses_active) return;
    curses_active = 0;
    if (terminal_fd >= 0) {
        size_t done = 0;
        while (done < restore_length) {
            ssize_t n = write(terminal_fd, restore_bytes + done, restore_length - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            done += (size_t)n;
        }
        if (termios_saved) tcsetattr(terminal_fd, TCSANOW, &saved_termios);
    }
}

static void on_termination(int sig) { termination_signal = sig; }

static void on_crash(int sig, siginfo_t *info, void *context) {
    (void)context;
    int saved_errno = errno;
    restore_terminal_now();
    int slot = saved_slot(sig);
    if (slot >= 0) sigaction(sig, &saved_actions[slot], NULL);
    // A fault raised by an instruction happens again on return and reaches the previous
    // handler; a signal sent by kill, raise or abort must be sent again.
    if (info == NULL || info->si_code <= 0) raise(sig);
    errno = saved_errno;
}

static void on_fatal(int sig) {
    restore_terminal_now();
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(sig, &fallback, NULL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, sig);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    raise(sig);
}

int waymark_crt_terminal_usable(const char *term) {
    if (term == NULL || term[0] == '\0') return -1;
    int status = 0;
    TERMINAL *previous = cur_term;
    // fd -1: only the terminfo entry is read; nothing is written or changed.
    if (setupterm(term, -1, &status) != OK) return -1;
    char *cup = tigetstr("cup");
    char *clear = tigetstr("clear");
    int usable = cup != NULL && cup != (char *)-1 && clear != NULL && clear != (char *)-1;
    TERMINAL *probe = cur_term;
    set_curterm(previous);
    del_curterm(probe);
    return usable;
}

static void install(const int *signals, int count, struct sigaction *action, int skip_ignored) {
    for (int i = 0; i < count; i++) {
        struct sigaction current;
        sigaction(signals[i], NULL, &current);
        // A signal the parent chose to ignore (nohup, a shell's SIGPIPE) stays ignored.
        if (skip_ignored && current.sa_handler == SIG_IGN) continue;
        handled[handled_count] = signals[i];
        sigaction(signals[i], action, &saved_actions[handled_count]);
        handled_count++;
    }
}

void waymark_crt_install(int fd) {
    if (handlers_installed) return;
    termination_signal = 0;
    terminal_fd = fd;
    termios_saved = fd >= 0 && tcgetattr(fd, &saved_termios) == 0;
    restore_length = 0;
    handled_count = 0;

    struct sigaction termination;
    memset(&termination, 0, sizeof termination);
    sigemptyset(&termination.sa_mask);
    termination.sa_handler = on_termination;
    termination.sa_flags = 0; // no SA_RESTART: a waiting get_wch returns, and the flag is seen
    install(termination_signals, COUNT(termination_signals), &termination, 0);

    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    sigemptyset(&crash.sa_mask);
    crash.sa_sigaction = on_crash;
    crash.sa_flags = SA_SIGINFO | SA_ONSTACK;
    install(crash_signals, COUNT(crash_signals), &crash, 0);

    struct sigaction fatal;
    memset(&fatal, 0, sizeof fatal);
    sigfillset(&fatal.sa_mask);
    fatal.sa_handler = on_fatal;
    fatal.sa_flags = SA_ONSTACK;
    install(fatal_signals, COUNT(fatal_signals), &fatal, 1);
    handlers_installed = 1;
}

void waymark_crt_uninstall(void) {
    if (!handlers_installed) return;
    for (int i = 0; i < handled_count; i++) sigaction(handled[i], &saved_actions[i], NULL);
    handled_count = 0;
    handlers_installed = 0;
}

static void append_capability(const char *name) {
    char *value = tigetstr(name);
    if (value == NULL || value == (char *)-1) return;
    size_t length = strlen(value);
    if (restore_length + length > RESTORE_MAX) return;
    memcpy(restore_bytes + restore_length, value, length);
    restore_length += length;
}

void waymark_crt_capture_restore_strings(void) {
    restore_length = 0;
    append_capability("sgr0");
    append_capability("cnorm");
    append_capability("rmkx");
    append_capability("rmcup");
}

// Runs at exit(): if curses still owns the terminal, give it back.
static void exit_hook(void) {
    if (curses_active) {
        curses_active = 0;
        endwin();
    }
}

void waymark_crt_set_curses_active(int active) {
    if (active && !exit_hook_registered) {
        exit_hook_registered = 1;
        atexit(exit_hook);
    }
    curses_active = active ? 1 : 0;
}

int waymark_crt_is_curses_active(void) { return curses_active; }
int waymark_crt_termination_requested(void) { return termination_signal != 0; }
int waymark_crt_termination_signal(void) { return termination_signal; }

void waymark_crt_suspend(void) {
    endwin();
    curses_active = 0;
    struct sigaction stop, previous;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    // Whatever handler is there (ncurses' own), the default action is what stops the job.
    sigaction(SIGTSTP, &stop, &previous);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    raise(SIGTSTP);
    // Continued (fg): put the handler back; curses takes the terminal again on the next refresh.
    sigaction(SIGTSTP, &previous, NULL);
    curses_active = 1;
}

int waymark_crt_fatal_signal_count(void) { return COUNT(fatal_signals); }
int waymark_crt_fatal_signal(int index) {
    return index >= 0 && index < COUNT(fatal_signals) ? fatal_signals[index] : 0;
}
