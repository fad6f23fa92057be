package io.trunkline.billing.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trunkline.billing.RoundingRule;
import io.trunkline.billing.ServiceCode;

class RateCsvTest {

    @Test
    void aGoodFileParsesWithDefaultsAndRoundTrips() {
        String csv = """
                prefix,destination,service,rate,connect_fee,initial_block,increment,minimum_charge,rounding,start_date,stop_date
                61,"Australia, all",sms-out,0.05,,,,,,,
                4420,UK London,call-out,0.012,0.01,30,6,0.02,up,2026-01-01,2026-07-01
                """;
        RateCsv.Parsed p = RateCsv.parse(csv, "gold", "EUR");
        assertTrue(p.ok(), p.errors().toString());
        assertEquals(2, p.rates().size());
        Tariff au = p.rates().get(0);
        assertEquals("Australia, all", au.destination());
        assertEquals("EUR", au.currency());
        assertEquals(60, au.initialBlock());
        Tariff uk = p.rates().get(1);
        assertEquals(ServiceCode.CALL_OUT, uk.service());
        assertEquals(30, uk.initialBlock());
        assertEquals(6, uk.increment());
        assertEquals(RoundingRule.UP, uk.rounding());
        assertEquals(Instant.parse("2026-07-01T00:00:00Z"), uk.to());
        RateCsv.Parsed again = RateCsv.parse(RateCsv.format(p.rates()), "gold", "EUR");
        assertEquals(RateCsv.format(p.rates()), RateCsv.format(again.rates()));
        assertEquals(2, again.rates().size());
    }

    @Test
    void everyBadRowIsNamed() {
        String csv = """
                prefix,service,rate,increment,start_date,stop_date
                61,sms-out,0.05,,,
                6x1,sms-out,0.05,,,
                62,fax,0.05,,,
                63,sms-out,-1,0,,
                64,sms-out,0.05,,2026-05-01,2026-04-01
                61,sms-out,0.06,,,
                65,sms-out
                """;
        RateCsv.Parsed p = RateCsv.parse(csv, "gold", "USD");
        List<String> fields = p.errors().stream().map(RateCsv.RowError::field).toList();
        assertEquals(List.of("rows/3/prefix", "rows/4/service", "rows/5/rate", "rows/5/increment", "rows/6/stop_date",
                "rows/7", "rows/8/rate"), fields, p.errors().toString());
    }

    @Test
    void aBadHeaderIsReported() {
        RateCsv.Parsed p = RateCsv.parse("prefix,colour,rate\n61,red,0.1\n", "gold", "USD");
        assertEquals(List.of("rows/1/colour", "rows/1/service"), p.errors().stream().map(RateCsv.RowError::field).toList());
    }
}
