package io.trunkline.gateway;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A word (upper case) that selects a keyword on a number: the keyword itself and each alias. Unique per number. */
@Entity
@Table(name = "inbound_keyword_alias")
@IdClass(KeywordAlias.Key.class)
public class KeywordAlias {
    @Id
    @Column(name = "number_id")
    public String numberId;

    @Id
    public String word;

    @Column(name = "keyword_id", nullable = false)
    public String keywordId;

    public static class Key implements Serializable {
        public String numberId;
        public String word;

        public Key() {
        }

        public Key(String numberId, String word) {
            this.numberId = numberId;
            this.word = word;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(numberId, k.numberId) && Objects.equals(word, k.word);
        }

        @Override
        public int hashCode() {
            return Objects.hash(numberId, word);
        }
    }
}
