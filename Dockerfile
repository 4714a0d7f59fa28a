# Builds and runs caseflow. Used by docker-compose.yml; the build stage needs Maven Central.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl web -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app caseflow
WORKDIR /app
COPY --from=build /src/web/target/caseflow-web-*-exec.jar /app/caseflow.jar
USER caseflow
# Never the default (laptop) mode in an image: that mode has dev users with published passwords, a generated key
# file, the UC simulator and the SMS outbox, and a container listens on every interface. On a profile caseflow
# refuses each of those unless its caseflow.allow.* property says otherwise (docs/deployment.md).
ENV SPRING_PROFILES_ACTIVE=postgres
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/caseflow.jar"]
