package se.caseflow.secrets;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class SecretsStoreH2Test extends SecretsStoreContract {

    @Override
    DataSource openDatabase() {
        return new SimpleDriverDataSource(
                new org.h2.Driver(), "jdbc:h2:mem:secrets_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Override
    void closeDatabase() {
        jdbc.execute("SHUTDOWN");
    }

    @Override
    String migrations() {
        return "classpath:db/migration/h2";
    }
}
