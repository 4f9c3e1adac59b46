// The terminal interface as data: filled by the TUI issue.
