# bad-input fixtures
