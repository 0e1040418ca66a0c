package io.wsroute.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** {@code spec.timeout}: NGF durations for proxy_connect_timeout, proxy_read_timeout and proxy_send_timeout. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ProxyTimeout {

    private String connect;
    private String read;
    private String send;

    public ProxyTimeout() {}

    public ProxyTimeout(String connect, String read, String send) {
        this.connect = connect;
        this.read = read;
        this.send = send;
    }

    public String getConnect() {
        return connect;
    }

    public void setConnect(String connect) {
        this.connect = connect;
    }

    public String getRead() {
        return read;
    }

    public void setRead(String read) {
        this.read = read;
    }

    public String getSend() {
        return send;
    }

    public void setSend(String send) {
        this.send = send;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxyTimeout other
                && Objects.equals(connect, other.connect)
                && Objects.equals(read, other.read)
                && Objects.equals(send, other.send);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connect, read, send);
    }
}
