package org.backpackbatch.batch;

import org.backpackbatch.store.Store;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring Batch on a store, configured explicitly: the JDBC job repository and a synchronous job
 * operator on the store's own data source and transactions, so that a job's state and the data it
 * writes commit together and a failed or killed run is restarted from the same store. On PostgreSQL
 * several processes launch jobs into one repository at once (one an account), which its dialect's
 * isolation for creating executions allows.
 */
public final class BatchInfrastructure {

    private final JobRepository repository;
    private final JobOperator operator;
    private final PlatformTransactionManager transactions;

    private BatchInfrastructure(JobRepository repository, JobOperator operator, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.operator = operator;
        this.transactions = transactions;
    }

    public static BatchInfrastructure on(Store store) {
        try {
            JdbcJobRepositoryFactoryBean repositoryFactory = new JdbcJobRepositoryFactoryBean();
            repositoryFactory.setDataSource(store.dataSource());
            repositoryFactory.setTransactionManager(store.transactionManager());
            repositoryFactory.setDatabaseType(store.dialect().batchDatabaseType());
            repositoryFactory.setIsolationLevelForCreateEnum(store.dialect().isolationForCreate());
            repositoryFactory.afterPropertiesSet();
            JobRepository repository = repositoryFactory.getObject();
            JobOperatorFactoryBean operatorFactory = new JobOperatorFactoryBean();
            operatorFactory.setJobRepository(repository);
            operatorFactory.setTransactionManager(store.transactionManager());
            // jobs run on the caller's thread: the command waits for its job, and a job's own steps pick their threads
            operatorFactory.setTaskExecutor(new SyncTaskExecutor());
            operatorFactory.setJobRegistry(new MapJobRegistry());
            operatorFactory.afterPropertiesSet();
            return new BatchInfrastructure(repository, operatorFactory.getObject(), store.transactionManager());
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up Spring Batch on the store " + store.location() + ": " + e.getMessage(), e);
        }
    }

    public JobRepository repository() {
        return repository;
    }

    public JobOperator operator() {
        return operator;
    }

    public PlatformTransactionManager transactions() {
        return transactions;
    }
}
