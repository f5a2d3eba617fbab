// EpinduoSandbox
