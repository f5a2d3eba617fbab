internal import MarketSync

extension ChannelResult {
    /// True when the channel took part in the run: it called the channel, moved something, failed, stopped or was
    /// skipped. A worker tick plans every channel but pulls and sends only the due ones; the others' results are
    /// empty and say nothing about the channel.
    var tookPart: Bool {
        calls > 0 || stopped != nil || skipped != nil || pushed > 0 || failed > 0 || submitted > 0 || ordersNew > 0
            || ordersUpdated > 0 || shipmentsConfirmed > 0 || ordersAnswered > 0
    }
}
