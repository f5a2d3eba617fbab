public import MarketSync

extension FileDropSettings {
    /// The same drop seen from the partner's side, for the simulator: it reads our `inbox` (its outbox role here),
    /// writes into our `outbox` (its inbox role), moves what it read into `inbox/read` (archive role) and what it
    /// could not read into `inbox/unreadable` (quarantine role). Every folder is absolute, so a relative setting of
    /// ours keeps its meaning.
    public var partnerView: FileDropSettings {
        var view = self
        let inbox = path(of: .inbox)
        view.folders = [
            .outbox: inbox,
            .inbox: path(of: .outbox),
            .archive: inbox == "/" ? "/read" : "\(inbox)/read",
            .quarantine: inbox == "/" ? "/unreadable" : "\(inbox)/unreadable",
        ]
        return view
    }
}
