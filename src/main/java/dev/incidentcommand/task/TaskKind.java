package dev.incidentcommand.task;

public enum TaskKind {
    PAGING, COORDINATION, INFORMATION_GATHERING, MITIGATION, INTERNAL_COMMS, CUSTOMER_COMMS
}
