// The one module that talks to curses: filled by the TUI issue.
