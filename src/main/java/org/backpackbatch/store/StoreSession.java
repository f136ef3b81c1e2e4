package org.backpackbatch.store;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An open store: a Spring Boot context on the store's SQLite file, with the snapshot store, the
 * Spring Batch JDBC job repository and its operator, all on the same file and transactions.
 */
public final class StoreSession implements AutoCloseable {

    static {
        // Logging is set up once by logback.xml (with its token-masking converters); a Boot context
        // per command must not set it up again, dropping what a daemon or a test attached
        if (System.getProperty(LoggingSystem.SYSTEM_PROPERTY) == null) {
            System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        }
    }

    private final Path file;
    private final ConfigurableApplicationContext context;

    private StoreSession(Path file, ConfigurableApplicationContext context) {
        this.file = file;
        this.context = context;
    }

    /** The Boot application of a store: auto-configured JDBC, transactions and Batch; the schema comes from {@link StoreFile}. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = QuartzAutoConfiguration.class)
    static class StoreApplication {
        @Bean
        SnapshotStore snapshotStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
            return new SnapshotStore(jdbc, new TransactionTemplate(transactionManager));
        }
    }

    /**
     * Opens the store, creating it first when {@code create}; {@code writable} when the command changes it.
     * A file SQLite finds damaged is an {@link IntegrityFailure}.
     */
    public static StoreSession open(Path file, boolean create, boolean writable) {
        try {
            return start(file, create, writable);
        } catch (RuntimeException e) {
            throw IntegrityFailure.damaged(file, e).<RuntimeException>map(damage -> damage).orElse(e);
        }
    }

    private static StoreSession start(Path file, boolean create, boolean writable) {
        StoreFile.prepare(file, create, writable);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", StoreFile.jdbcUrl(file));
        properties.put("spring.datasource.driver-class-name", "org.sqlite.JDBC");
        // SQLite has one writer; a few connections let reads go on beside it (WAL) without a pool wait.
        properties.put("spring.datasource.hikari.maximum-pool-size", "4");
        properties.put("spring.datasource.hikari.pool-name", "store");
        properties.put("spring.flyway.enabled", "false");
        properties.put("spring.batch.jdbc.initialize-schema", "never");
        properties.put("spring.batch.job.enabled", "false");
        properties.put("spring.main.log-startup-info", "false");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StoreApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .properties(properties)
                .run();
        return new StoreSession(file, context);
    }

    public Path file() {
        return file;
    }

    public SnapshotStore snapshots() {
        return context.getBean(SnapshotStore.class);
    }

    public JobRepository jobRepository() {
        return context.getBean(JobRepository.class);
    }

    public JobOperator jobOperator() {
        return context.getBean(JobOperator.class);
    }

    public PlatformTransactionManager transactionManager() {
        return context.getBean(PlatformTransactionManager.class);
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
