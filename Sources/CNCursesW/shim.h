#ifndef WAYMARK_CNCURSESW_SHIM_H
#define WAYMARK_CNCURSESW_SHIM_H
// SwiftPM drops the -D_XOPEN_SOURCE flags from ncursesw.pc, which hides the
// wide-character API; ask for it explicitly before the header is read.
#define NCURSES_WIDECHAR 1
#include <langinfo.h>
#include <locale.h>
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

// The terminal's signal and crash state lives in the CWaymarkCRT target (crt.c): a header
// shim can hold only accessors, since every Swift file that imports it gets its own copy.
#endif
