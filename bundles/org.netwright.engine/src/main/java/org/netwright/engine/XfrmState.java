package org.netwright.engine;

/** An SA ({@code ip xfrm state}): outer src/dst, protocol (ESP=50), SPI, mode, reqid. */
public record XfrmState(IpAddr src, IpAddr dst, int proto, long spi, XfrmMode mode, int reqid) {
    public static XfrmState esp(String src, String dst, long spi, XfrmMode mode, int reqid) {
        return new XfrmState(IpAddr.parse(src), IpAddr.parse(dst), Packet.ESP, spi, mode, reqid);
    }

    @Override
    public String toString() {
        return "src " + src + " dst " + dst + " proto " + (proto == Packet.ESP ? "esp" : proto)
                + " spi 0x" + Long.toHexString(spi) + " mode " + mode.name().toLowerCase()
                + (reqid != 0 ? " reqid " + reqid : "");
    }
}
