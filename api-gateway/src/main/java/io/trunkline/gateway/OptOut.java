package io.trunkline.gateway;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A number that asked not to get a tenant's messages any more. */
@Entity
@Table(name = "opt_out")
@IdClass(OptOut.Key.class)
public class OptOut {
    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    /** E.164. */
    @Id
    public String number;

    /** What opted it out: {@code sms:STOP}, {@code api}, ... */
    @Column(nullable = false)
    public String source;

    @Column(name = "opted_out_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant optedOutAt;

    public static class Key implements Serializable {
        public String tenantId;
        public String number;

        public Key() {
        }

        public Key(String tenantId, String number) {
            this.tenantId = tenantId;
            this.number = number;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(number, k.number);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, number);
        }
    }
}
