#ifndef WAYMARK_CNCURSESW_SHIM_H
#define WAYMARK_CNCURSESW_SHIM_H
// SwiftPM drops the -D_XOPEN_SOURCE flags from ncursesw.pc, which hides the
// wide-character API; ask for it explicitly before the header is read.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

// Swift 6 refuses to read these mutable C globals and cannot import the
// function-like macros, so expose them as inline accessors.
static inline WINDOW *waymark_stdscr(void) { return stdscr; }
static inline int waymark_lines(void) { return LINES; }
static inline int waymark_cols(void) { return COLS; }
static inline attr_t waymark_a_bold(void) { return A_BOLD; }
static inline attr_t waymark_a_reverse(void) { return A_REVERSE; }
static inline attr_t waymark_a_underline(void) { return A_UNDERLINE; }
static inline attr_t waymark_a_dim(void) { return A_DIM; }
static inline attr_t waymark_a_normal(void) { return A_NORMAL; }
static inline attr_t waymark_color_pair(short n) { return COLOR_PAIR(n); }
static inline int waymark_key_resize(void) { return KEY_RESIZE; }
#endif
