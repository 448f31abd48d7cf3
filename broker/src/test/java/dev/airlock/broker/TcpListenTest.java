package dev.airlock.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class TcpListenTest {
    @Test
    void offLoopbackTheListenerIsAlwaysTls() {
        assertThat(new BrokerService.TcpListen(new InetSocketAddress("192.0.2.1", 8443), false).tls()).isTrue();
        assertThat(new BrokerService.TcpListen(new InetSocketAddress("0.0.0.0", 8443), false).tls()).isTrue();
        assertThat(new BrokerService.TcpListen(new InetSocketAddress("127.0.0.1", 8443), false).tls()).isFalse();
        assertThat(new BrokerService.TcpListen(new InetSocketAddress("::1", 8443), false).tls()).isFalse();
        assertThat(new BrokerService.TcpListen(new InetSocketAddress("127.0.0.1", 8443), true).tls()).isTrue();
    }
}
