-- Run once by the mysql image on an empty data directory (docker-entrypoint-initdb.d), after the entrypoint has
-- created the application user from MYSQL_USER / MYSQL_PASSWORD. One schema per service; each service's Flyway
-- migrations fill its own. The services' JDBC URLs also say createDatabaseIfNotExist=true, so a schema missing
-- here is created on first start, with the server's default collation.
CREATE DATABASE IF NOT EXISTS trunkline_gateway CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE DATABASE IF NOT EXISTS trunkline_gsm     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE DATABASE IF NOT EXISTS trunkline_voice   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE DATABASE IF NOT EXISTS trunkline_relay   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE DATABASE IF NOT EXISTS trunkline_billing CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE DATABASE IF NOT EXISTS trunkline_portal  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- The services connect as 'trunkline': every trunkline_* schema, nothing else.
GRANT ALL PRIVILEGES ON `trunkline\_%`.* TO 'trunkline'@'%';
FLUSH PRIVILEGES;
