// Epinduo
