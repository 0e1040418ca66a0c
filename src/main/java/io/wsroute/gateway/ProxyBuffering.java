package io.wsroute.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** {@code spec.buffering}: read so that a policy NGF refuses for its buffer sizes is seen as refused. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ProxyBuffering {

    private Boolean disable;
    private String bufferSize;
    private ProxyBuffers buffers;
    private String busyBuffersSize;

    public Boolean getDisable() {
        return disable;
    }

    public void setDisable(Boolean disable) {
        this.disable = disable;
    }

    public String getBufferSize() {
        return bufferSize;
    }

    public void setBufferSize(String bufferSize) {
        this.bufferSize = bufferSize;
    }

    public ProxyBuffers getBuffers() {
        return buffers;
    }

    public void setBuffers(ProxyBuffers buffers) {
        this.buffers = buffers;
    }

    public String getBusyBuffersSize() {
        return busyBuffersSize;
    }

    public void setBusyBuffersSize(String busyBuffersSize) {
        this.busyBuffersSize = busyBuffersSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxyBuffering other
                && Objects.equals(disable, other.disable)
                && Objects.equals(bufferSize, other.bufferSize)
                && Objects.equals(buffers, other.buffers)
                && Objects.equals(busyBuffersSize, other.busyBuffersSize);
    }

    @Override
    public int hashCode() {
        return Objects.hash(disable, bufferSize, buffers, busyBuffersSize);
    }

    /** {@code spec.buffering.buffers}: number and size of proxy_buffers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class ProxyBuffers {
        private String size;
        private Integer number;

        public String getSize() {
            return size;
        }

        public void setSize(String size) {
            this.size = size;
        }

        public Integer getNumber() {
            return number;
        }

        public void setNumber(Integer number) {
            this.number = number;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ProxyBuffers other
                    && Objects.equals(size, other.size)
                    && Objects.equals(number, other.number);
        }

        @Override
        public int hashCode() {
            return Objects.hash(size, number);
        }
    }
}
