-- Image (Glance v2) schema. Timestamps are epoch microseconds. Custom properties are rows of
-- image_property; tags rows of image_tag; members rows of image_member.
CREATE TABLE image (
    id VARCHAR(36) PRIMARY KEY,
    name VARCHAR(255),
    owner VARCHAR(64),
    status VARCHAR(30) NOT NULL,
    visibility VARCHAR(20) NOT NULL,
    protected BOOLEAN NOT NULL,
    os_hidden BOOLEAN NOT NULL,
    disk_format VARCHAR(20),
    container_format VARCHAR(20),
    min_disk INT NOT NULL,
    min_ram INT NOT NULL,
    size BIGINT,
    virtual_size BIGINT,
    checksum VARCHAR(32),
    os_hash_algo VARCHAR(64),
    os_hash_value VARCHAR(128),
    location TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX image_owner ON image (owner);
CREATE INDEX image_visibility ON image (visibility);

CREATE TABLE image_property (
    image_id VARCHAR(36) NOT NULL REFERENCES image(id) ON DELETE CASCADE,
    name VARCHAR(255) NOT NULL,
    property_value TEXT,
    PRIMARY KEY (image_id, name)
);

CREATE TABLE image_tag (
    image_id VARCHAR(36) NOT NULL REFERENCES image(id) ON DELETE CASCADE,
    tag VARCHAR(255) NOT NULL,
    PRIMARY KEY (image_id, tag)
);

CREATE TABLE image_member (
    image_id VARCHAR(36) NOT NULL REFERENCES image(id) ON DELETE CASCADE,
    member VARCHAR(255) NOT NULL,
    status VARCHAR(20) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (image_id, member)
);
CREATE INDEX image_member_member ON image_member (member);
